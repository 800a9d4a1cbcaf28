// The printed form of a bench:load report: every figure next to its baseline and the ratio to it, and the issue's
// targets marked met or MISSED (a benchmark, not a test: nothing fails the process).
import type { LoadReport } from './harness.ts';
import type { StreamFigures } from './open-loop.ts';

const TARGETS = {
  hot: { bets: 2000, p95Ms: 50 },
  mix: { bets: 300, reads: 3000, p95Ms: 100 },
  apiMicrosPerBet: 250,
  marketDetailShare: 0.3,
};

const fixed = (value: number | undefined, digits = 0) => (value === undefined ? '—' : value.toFixed(digits));
const percent = (value: number | undefined) => (value === undefined ? '—' : `${(value * 100).toFixed(1)} %`);
const verdict = (met: boolean) => (met ? 'met' : 'MISSED');

function streamLine(stream: StreamFigures): string {
  return [
    stream.name.padEnd(18),
    `asked ${fixed(stream.asked, 1).padStart(7)}/s`,
    `achieved ${fixed(stream.achievedRate, 1).padStart(7)}/s`,
    `p50 ${fixed(stream.p50Ms, 1).padStart(6)} ms`,
    `p95 ${fixed(stream.p95Ms, 1).padStart(6)} ms`,
    `p99 ${fixed(stream.p99Ms, 1).padStart(6)} ms`,
    `max ${fixed(stream.maxMs, 0).padStart(5)} ms`,
    `sent ${stream.sent}`,
    `failed ${stream.non2xx + stream.errors}`,
    `dropped ${stream.dropped}`,
  ].join('  ');
}

export function formatReport(report: LoadReport): string {
  const lines: string[] = [];
  const { machine, baselines, cpu } = report;
  lines.push(`bench:load ${report.scenario} — ${machine.cpus} × ${machine.model}, ${machine.memoryGiB} GiB, Node ${machine.node}`);
  lines.push(`fixture: ${report.fixture.bets} pre-grown bets (loaded in ${report.fixture.loadSeconds.toFixed(1)} s); API workers: ${report.settings.workers}${report.settings.poolMax === undefined ? '' : `, DB_POOL_MAX ${report.settings.poolMax}`}`);
  lines.push('');
  lines.push('baselines (same run):');
  if (baselines.pgbenchTps !== undefined) lines.push(`  pgbench TPC-B-like: ${fixed(baselines.pgbenchTps)} TPS (16 clients)`);
  if (baselines.helloWorld !== undefined) {
    const hello = baselines.helloWorld;
    lines.push(`  Fastify hello-world: ${fixed(hello.requestsPerSecond)} req/s, p95 ${fixed(hello.p95Ms, 2)} ms, ${fixed(hello.cpuMicrosPerRequest, 1)} µs CPU/request`);
  }
  if (baselines.marketDetail !== undefined) {
    const detail = baselines.marketDetail;
    const share = detail.ratioToHelloWorld;
    lines.push(
      `  market detail (cached read, closed loop): ${fixed(detail.requestsPerSecond)} req/s, p95 ${fixed(detail.p95Ms, 2)} ms, ` +
        `${percent(share)} of hello-world (target ≥ ${TARGETS.marketDetailShare * 100} %: ${share === undefined ? '—' : verdict(share >= TARGETS.marketDetailShare)})`,
    );
  }
  lines.push('');
  lines.push('streams (fixed arrival rate):');
  for (const stream of report.streams) lines.push(`  ${streamLine(stream)}`);
  if (report.streams.length > 1) for (const group of report.groups) lines.push(`  ${streamLine({ ...group, name: `= ${group.name}` })}`);
  lines.push(`failures ${report.failures}, dropped ${report.dropped}`);
  for (const sample of report.streams.flatMap((stream) => stream.failureSamples)) lines.push(`  e.g. ${sample}`);
  lines.push('');
  lines.push(
    `CPU: API ${fixed(cpu.seconds.api, 2)} s (${fixed(cpu.apiCores * 100)} % of a core), ${fixed(cpu.apiMicrosPerRequest, 1)} µs/request` +
      (report.ratios.apiCpuPerRequestToHelloWorld === undefined ? '' : ` (${fixed(report.ratios.apiCpuPerRequestToHelloWorld, 1)} × hello-world)`),
  );
  lines.push(
    `     PostgreSQL ${fixed(cpu.seconds.postgres, 2)} s, ${fixed(cpu.postgresMicrosPerRequest, 1)} µs/request; load generator ${fixed(cpu.seconds.harness, 1)} s; machine busy ${fixed(cpu.seconds.machineBusy, 1)} s, of which other processes ${fixed(cpu.seconds.machineBusy - cpu.seconds.api - cpu.seconds.postgres - cpu.seconds.harness, 1)} s`,
  );
  lines.push(`database: ${fixed(report.databaseBytes.before / 2 ** 20, 1)} MiB before, ${fixed(report.databaseBytes.after / 2 ** 20, 1)} MiB after`);
  for (const profile of report.profiles ?? []) {
    lines.push(`CPU profile ${profile.file} — self time:`);
    for (const fn of profile.functions) lines.push(`  ${(fn.selfShare * 100).toFixed(1).padStart(5)} %  ${fn.name}  ${fn.location}`);
  }
  lines.push('');
  const bets = report.groups.find((group) => group.group === 'bets');
  const reads = report.groups.find((group) => group.group === 'reads');
  if (bets !== undefined) lines.push(`bets: ${fixed(bets.achievedRate)}/s = ${percent(report.ratios.betsToPgbench)} of pgbench TPS`);
  if (reads !== undefined) lines.push(`reads: ${fixed(reads.achievedRate)}/s = ${percent(report.ratios.readsToHelloWorld)} of hello-world req/s`);
  const clean = report.failures === 0 && report.dropped === 0;
  if (report.scenario === 'hot' && bets !== undefined) {
    const met = bets.achievedRate >= TARGETS.hot.bets * 0.99 && bets.p95Ms < TARGETS.hot.p95Ms && clean;
    lines.push(`target hot market ${TARGETS.hot.bets} bets/s, p95 < ${TARGETS.hot.p95Ms} ms, no failures: ${verdict(met)}`);
    lines.push(`target API CPU per bet ≤ ${TARGETS.apiMicrosPerBet} µs: ${verdict(cpu.apiMicrosPerRequest <= TARGETS.apiMicrosPerBet)}`);
  }
  if (report.scenario === 'mix' && bets !== undefined && reads !== undefined) {
    const p95 = Math.max(bets.p95Ms, reads.p95Ms);
    const met = bets.achievedRate >= TARGETS.mix.bets * 0.99 && reads.achievedRate >= TARGETS.mix.reads * 0.99 && p95 < TARGETS.mix.p95Ms && clean;
    lines.push(`target site mix ${TARGETS.mix.bets} bets/s + ${TARGETS.mix.reads} reads/s, p95 < ${TARGETS.mix.p95Ms} ms, no errors: ${verdict(met)}`);
  }
  return `${lines.join('\n')}\n`;
}
