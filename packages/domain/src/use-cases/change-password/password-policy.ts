// Rules for a new password (docs/api.md#password-policy); each broken rule is reported by name.
const MIN_LENGTH = 8;
const MAX_LENGTH = 128;

export function passwordPolicyProblems(candidate: string, currentPassword: string): string[] {
  const problems: string[] = [];
  const codePoints = [...candidate].length;
  if (codePoints < MIN_LENGTH || codePoints > MAX_LENGTH) {
    problems.push(`must be ${MIN_LENGTH} to ${MAX_LENGTH} characters long`);
  }
  if (/[\s\p{Z}\p{Cc}]/u.test(candidate)) problems.push('must not contain whitespace or control characters');
  if (!/\p{Lu}/u.test(candidate)) problems.push('must contain an uppercase letter');
  if (!/\p{Ll}/u.test(candidate)) problems.push('must contain a lowercase letter');
  if (!/\p{Nd}/u.test(candidate)) problems.push('must contain a digit');
  if (candidate === currentPassword) problems.push('must differ from the current password');
  return problems;
}
