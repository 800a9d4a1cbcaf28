// Every way an account is created (registration, the start-up seed, the load seed) starts from the same row: an
// empty profile, the first password version, created and updated at once.
import type { NewUser } from '../../model/user.model.ts';

export type AccountBasics = Pick<
  NewUser,
  'username' | 'displayName' | 'role' | 'moderatorStatus' | 'personalEmoji' | 'mustChangePassword' | 'passwordHash'
>;

export function newAccount(basics: AccountBasics, at: number): NewUser {
  return {
    ...basics,
    description: '',
    personalLink1: '',
    personalLink2: '',
    personalLink3: '',
    personalLink4: '',
    email: '',
    passwordVersion: 1,
    createdAt: at,
    updatedAt: at,
  };
}
