// `ledger.integrity` (VAL-4, JOB-3): the persistence adapter's integrity query (docs/market-model.md#ledger invariants over one
// consistent snapshot), reported as the `socialpredict_ledger_integrity_violations` gauge and one log line per run. Violations are
// logged at error level with their details, so both the alert and the log fire. Nothing is ever fixed here.
import { checkLedgerIntegrity, type Database, type IntegrityFinding } from '@socialpredict/persistence';
import type { Clock } from '@socialpredict/domain';
import type { JobLogger, JobMetrics } from '../job-ports.ts';
import type { JobHandler } from '../runner/job-runner.ts';

export interface IntegrityOutcome {
  findings: readonly IntegrityFinding[];
  /** rows examined, per table */
  counts: Readonly<Record<string, number>>;
}

export type IntegrityCheck = () => Promise<IntegrityOutcome>;

export interface IntegrityCheckDeps {
  check: IntegrityCheck;
  clock: Clock;
  logger: JobLogger;
  metrics: JobMetrics;
}

export interface IntegrityReport extends IntegrityOutcome {
  checkedAt: number;
  durationMs: number;
}

/** Findings written into one log line; the count is always complete. */
const LOGGED_FINDINGS = 100;

/** The integrity query on the application database; a failure to run it is an error, not a finding. */
export function databaseIntegrityCheck(database: Database, maximumDebtAllowed: number): IntegrityCheck {
  return async () => {
    const result = await checkLedgerIntegrity(database, { maximumDebtAllowed });
    if (result.isErr()) throw new Error(`integrity query failed: ${result.error.message}`, { cause: result.error.cause });
    return result.value;
  };
}

/** Shared by the hourly job and `pnpm cli integrity-check`. */
export async function runIntegrityCheck(deps: IntegrityCheckDeps): Promise<IntegrityReport> {
  const checkedAt = deps.clock.now();
  const outcome = await deps.check();
  const durationMs = deps.clock.now() - checkedAt;
  const { findings, counts } = outcome;
  deps.metrics.integrityViolations(findings.length);
  if (findings.length === 0) {
    deps.logger.info({ event: 'ledger.integrity_checked', violation_count: 0, counts, duration_ms: durationMs }, 'ledger integrity check passed');
  } else {
    deps.logger.error(
      {
        event: 'ledger.integrity_violation',
        violation_count: findings.length,
        violations: findings.slice(0, LOGGED_FINDINGS),
        counts,
        duration_ms: durationMs,
      },
      `ledger integrity check found ${findings.length} violation(s)`,
    );
  }
  return { checkedAt, durationMs, findings, counts };
}

export function ledgerIntegrityJob(deps: IntegrityCheckDeps): JobHandler {
  return async () => {
    const report = await runIntegrityCheck(deps);
    return { violations: report.findings.length };
  };
}
