// System metrics (docs/api.md#t1-40; docs/market-model.md#system-metrics): money created against money utilised, from the ledger.
import { ok, safeTry, type ResultAsync } from 'neverthrow';
import { systemMetrics } from '../../math/index.ts';
import type { SystemMetrics } from '../../math/types.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { UseCaseDeps } from '../deps.ts';
import { houseIncomeFrom, readLedgerSnapshot } from '../shared/ledger-snapshot.ts';

export type GetSystemMetrics = () => ResultAsync<SystemMetrics, InfrastructureError>;

export function makeGetSystemMetrics(deps: Pick<UseCaseDeps, 'ledger' | 'markets' | 'economics'>): GetSystemMetrics {
  const { maximumDebtAllowed } = deps.economics.user;
  return () =>
    safeTry(async function* () {
      const snapshot = yield* readLedgerSnapshot(deps);
      return ok(
        systemMetrics({
          balances: snapshot.balances,
          maximumDebtAllowed,
          openPoolTotal: snapshot.openPoolTotal,
          houseIncome: houseIncomeFrom(snapshot.sumsByKind),
          minted: snapshot.minted,
        }),
      );
    });
}
