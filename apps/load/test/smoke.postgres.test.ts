// bench:load's smoke scenario end to end for about two seconds on PostgreSQL (docs/performance.md#bench-load): a
// fresh database, load-seed fixtures, the real `serve` process, logged-in traders, bets and the site's reads at fixed
// rates. It checks the report, not the speed: every field is there, nothing failed, the CPU and size were read.
import { describe, expect, it } from 'vitest';
import { runHarness } from '../src/harness.ts';
import { formatReport } from '../src/report.ts';
import { READ_MIX } from '../src/scenarios.ts';

const serverUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(serverUrl === undefined)('bench:load smoke scenario on PostgreSQL', () => {
  it('reports every stream with latencies, no failures, API CPU per request and the database size', { timeout: 180_000 }, async () => {
    const report = await runHarness({
      scenario: 'smoke',
      betRate: 10,
      readRate: 20,
      durationSeconds: 2,
      connections: 8,
      serverUrl: serverUrl ?? '',
      pregrownBets: 200,
      users: 12,
      markets: 4,
      hotMarkets: 2,
      bettors: 10,
      workers: 0,
      pgbenchSeconds: 0,
      ceilingSeconds: 1,
      log: () => undefined,
    });
    expect(report.streams.map((stream) => stream.name)).toEqual(['bets', ...READ_MIX.map((read) => read.name)]);
    expect(report.groups.map((group) => group.group)).toEqual(['bets', 'reads']);
    const bets = report.groups[0];
    expect(bets?.due).toBe(20);
    expect(bets?.sent).toBe(bets?.due);
    expect(report.failures).toBe(0);
    expect(report.dropped).toBe(0);
    for (const group of report.groups) {
      expect(group.ok).toBe(group.sent);
      expect(group.p50Ms).toBeGreaterThan(0);
      expect(group.p99Ms).toBeGreaterThanOrEqual(group.p95Ms);
      expect(group.p95Ms).toBeGreaterThanOrEqual(group.p50Ms);
    }
    expect(report.cpu.seconds.api).toBeGreaterThan(0);
    expect(report.cpu.apiMicrosPerRequest).toBeGreaterThan(0);
    expect(report.databaseBytes.after).toBeGreaterThanOrEqual(report.databaseBytes.before);
    expect(report.databaseBytes.before).toBeGreaterThan(0);
    expect(report.baselines.helloWorld?.requestsPerSecond).toBeGreaterThan(0);
    expect(report.ratios.readsToHelloWorld).toBeGreaterThan(0);
    expect(report.baselines.pgbenchTps).toBeUndefined();
    expect(formatReport(report)).toMatch(/^bench:load smoke/);
  });
});
