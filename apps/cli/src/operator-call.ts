// The CLI's side of an audited write (docs/api.md#audit-log): the actor is `cli:<os user>`, and there is no request id.
import { userInfo } from 'node:os';
import type { Env } from '@socialpredict/config';
import type { WriteOrigin } from '@socialpredict/domain';

function osUser(env: Env): string {
  // userInfo throws where the process's uid has no passwd entry (some containers); the environment may still say.
  try {
    return userInfo().username;
  } catch {
    return env.USER ?? 'unknown';
  }
}

export function operatorCall(env: Env): { readonly origin: WriteOrigin } {
  return { origin: { actor: `cli:${osUser(env)}`, requestId: null } };
}
