// Own profile changes (docs/api.md#t1-04…07). Sanitising is done at the boundary (docs/api.md#validation); the use case keeps the
// display name unique and off the reserved names, both compared by `displayNameKey` (NFKC + case folding).
import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { CommitHook } from '../../ports/write-records.port.ts';
import type { UserRecord } from '../../model/user.model.ts';
import {
  userNotFound,
  validationFailed,
  type UserNotFound,
  type ValidationFailed,
} from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { isReservedDisplayName, RESERVED } from '../shared/display-name.ts';
import { TAKEN, uniqueAsValidation } from '../shared/unique-violation.ts';
import { toUserProfile, type UserProfile } from '../shared/views.ts';

const EDITABLE_FIELDS = [
  'displayName',
  'personalEmoji',
  'description',
  'personalLink1',
  'personalLink2',
  'personalLink3',
  'personalLink4',
] as const;

/** Fields left out stay as they are; `''` clears a link. */
export type ProfileChanges = Partial<Pick<UserRecord, (typeof EDITABLE_FIELDS)[number]>>;

export interface UpdateProfileInput {
  readonly username: string;
  readonly changes: ProfileChanges;
}

export type UpdateProfileError = UserNotFound | ValidationFailed | InfrastructureError;

export type UpdateProfile = (input: UpdateProfileInput, commit?: CommitHook<UserProfile>) => ResultAsync<UserProfile, UpdateProfileError>;

export function makeUpdateProfile(deps: Pick<UseCaseDeps, 'unitOfWork' | 'clock'>): UpdateProfile {
  // A transaction of its own only so that the audit and idempotency records commit with the change.
  return (input, commit) =>
    deps.unitOfWork.run(
      (tx) =>
        safeTry(async function* () {
          const { username, changes } = input;
          if (changes.displayName !== undefined) {
            if (isReservedDisplayName(changes.displayName)) return err(validationFailed({ displayName: [RESERVED] }));
            if (yield* tx.users.isDisplayNameTaken(changes.displayName, username)) return err(validationFailed({ displayName: [TAKEN] }));
          }
          // Only the editable fields reach the repository, whatever else the caller's object holds.
          const patch: { -readonly [F in keyof ProfileChanges]: ProfileChanges[F] } = {};
          for (const field of EDITABLE_FIELDS) {
            const value = changes[field];
            if (value !== undefined) patch[field] = value;
          }
          // The unique index still decides a race between two users claiming exactly the same name; two spellings of
          // one key claimed at the same instant are not caught (a unique index on the key needs a schema change).
          const updated = yield* tx.users.update(username, { ...patch, updatedAt: deps.clock.now() }).mapErr(uniqueAsValidation);
          if (updated === null) return err(userNotFound(username));
          return ok(toUserProfile(updated));
        }),
      commit,
    );
}
