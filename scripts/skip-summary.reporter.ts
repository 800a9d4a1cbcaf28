// A vitest reporter printing, after the run's summary, one line per skipped suite or test with why it was skipped, so
// a skip is never silent: the reason is a suite's or test's `meta.skipReason` (describeOnFullServer and itOnFullServer
// in packages/persistence/test/support/postgres.harness.ts) or a test's `skip(note)`.
import { relative } from 'node:path';
import type { Reporter, TestCase, TestModule, Vitest } from 'vitest/node';

const NO_REASON = 'no reason given (it.skip or skipIf without a note)';

function plural(count: number): string {
  return count === 1 ? '1 test' : `${count} tests`;
}

export default class SkipSummaryReporter implements Reporter {
  private vitest: Vitest | undefined;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    if (this.vitest === undefined) return;
    const root = this.vitest.config.root;
    const lines: string[] = [];
    let skipped = 0;
    for (const module of testModules) {
      const where = `${module.project.name} ${relative(root, module.moduleId)}`;
      const explained = new Set<TestCase>();
      for (const suite of module.children.allSuites()) {
        // `skipReason` is declared on vitest's TaskMeta by the persistence test support, outside this type program.
        const reason = (suite.meta() as { skipReason?: string }).skipReason;
        const tests = [...suite.children.allTests('skipped')].filter((test) => !explained.has(test));
        if (reason === undefined || tests.length === 0) continue;
        for (const test of tests) explained.add(test);
        lines.push(`  ${where} › ${suite.fullName} (${plural(tests.length)}): ${reason}`);
      }
      // Tests skipped on their own are grouped by reason, one line each.
      const byReason = new Map<string, TestCase[]>();
      for (const test of module.children.allTests('skipped')) {
        if (explained.has(test)) continue;
        const result = test.result();
        const note = result.state === 'skipped' ? result.note : undefined;
        const reason = note ?? (test.meta() as { skipReason?: string }).skipReason ?? NO_REASON;
        byReason.set(reason, [...(byReason.get(reason) ?? []), test]);
      }
      for (const [reason, tests] of byReason) {
        const what = tests.length === 1 ? tests[0]!.fullName : plural(tests.length);
        lines.push(`  ${where} › ${what}: ${reason}`);
      }
      skipped += explained.size + [...byReason.values()].reduce((sum, tests) => sum + tests.length, 0);
    }
    this.vitest.logger.log(skipped === 0 ? '\nSkipped: none' : `\nSkipped ${plural(skipped)}:\n${lines.join('\n')}`);
  }
}
