// Credentials of an admin-created user (docs/api.md#user-creation), drawn from the injected CSPRNG.
import type { RandomSource } from '../../ports/random-source.port.ts';

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const ALPHANUMERIC = UPPER + LOWER + DIGITS;
export const GENERATED_PASSWORD_LENGTH = 12;

/** 12 ASCII letters and digits with at least one upper, one lower and one digit. */
export function generatePassword(random: RandomSource): string {
  const pick = (alphabet: string): string => alphabet.charAt(random.int(alphabet.length));
  const chars = [pick(UPPER), pick(LOWER), pick(DIGITS)];
  while (chars.length < GENERATED_PASSWORD_LENGTH) chars.push(pick(ALPHANUMERIC));
  // Fisher–Yates, so the three guaranteed classes do not always lead.
  for (let i = chars.length - 1; i > 0; i -= 1) {
    const j = random.int(i + 1);
    [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
  }
  return chars.join('');
}

/** U+1F600 … U+1F637: the smiley faces at the start of the Emoticons block. */
const FIRST_FACE = 0x1f600;
const FACE_COUNT = 0x38;

export function pickFaceEmoji(random: RandomSource): string {
  return String.fromCodePoint(FIRST_FACE + random.int(FACE_COUNT));
}
