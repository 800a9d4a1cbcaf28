// `pnpm cli integrity-check` (VAL-4): the hourly job's check on demand, with the same query and the same log event;
// the findings are also printed, one JSON object per line. Exit 2 when the books are not sound, 1 when the check
// could not run, so a script can tell the two apart.
import { NO_JOB_METRICS, runIntegrityCheck, databaseIntegrityCheck } from '@socialpredict/jobs';
import { CommandFailure, type CommandDefinition } from '../../command.ts';

export const INTEGRITY_VIOLATIONS_EXIT = 2;

const systemClock = { now: () => Date.now() };

export const integrityCheckCommand: CommandDefinition = {
  name: 'integrity-check',
  summary: 'Check the ledger invariants (docs/market-model.md#ledger); exit 2 when violations are found.',
  usage: '',
  options: {},
  run: async (context) => {
    const report = await runIntegrityCheck({
      check: databaseIntegrityCheck(await context.database(), context.config.setup.economics.user.maximumDebtAllowed),
      clock: systemClock,
      logger: await context.logger(),
      metrics: NO_JOB_METRICS,
    });
    const examined = Object.entries(report.counts)
      .map(([table, count]) => `${count} ${table}`)
      .join(', ');
    if (report.findings.length === 0) {
      context.io.out(`Ledger integrity: OK (${examined}; ${report.durationMs} ms).`);
      return 0;
    }
    for (const finding of report.findings) context.io.out(JSON.stringify(finding));
    throw new CommandFailure(`${report.findings.length} integrity violation(s) found (${examined})`, INTEGRITY_VIOLATIONS_EXIT);
  },
};
