// The route policy's view of authentication, backed by the domain's authenticate use case.
import type { Authenticate, GetReportingVisibility } from '@socialpredict/domain';
import { unwrap } from './http-error.mapper.ts';
import type { Authenticator } from './plugins/route-policy.plugin.ts';

export function createAuthenticator(authenticate: Authenticate, getReportingVisibility: GetReportingVisibility): Authenticator {
  return {
    authenticate: (token, allowPendingPasswordChange) => unwrap(authenticate({ token, allowPendingPasswordChange })),
    // Read on every call to a guarded report, so a change holds at once on every instance (docs/api.md#reporting-visibility).
    isReportPublic: async (report) => {
      const { value } = await unwrap(getReportingVisibility());
      return report === 'systemMetrics' ? value.systemMetricsPublic : value.globalLeaderboardPublic;
    },
  };
}
