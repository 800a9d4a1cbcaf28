// The route policy's view of authentication, backed by the domain's authenticate use case.
import type { Authenticate } from '@socialpredict/domain';
import { unwrap } from './http-error.mapper.ts';
import type { Authenticator } from './plugins/route-policy.plugin.ts';

export interface ReportingVisibility {
  systemMetricsPublic: boolean;
  globalLeaderboardPublic: boolean;
}

export function createAuthenticator(
  authenticate: Authenticate,
  reportingVisibility: () => Promise<ReportingVisibility>,
): Authenticator {
  return {
    authenticate: (token, allowPendingPasswordChange) => unwrap(authenticate({ token, allowPendingPasswordChange })),
    isReportPublic: async (report) => {
      const visibility = await reportingVisibility();
      return report === 'systemMetrics' ? visibility.systemMetricsPublic : visibility.globalLeaderboardPublic;
    },
  };
}
