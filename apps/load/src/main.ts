#!/usr/bin/env node
// `pnpm bench:load --help` prints the options (docs/performance.md#bench-load).
// The server comes from BENCH_DATABASE_URL, then TEST_DATABASE_URL, then the local PostgreSQL.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runHarness, type HarnessOptions } from './harness.ts';
import { formatReport } from './report.ts';
import { DEFAULT_RATES, SCENARIOS, type ScenarioName } from './scenarios.ts';

/** upstream's failing point: about 258 000 bet rows */
const PREGROWN_BETS = 260_000;

const USAGE = `pnpm bench:load [--scenario smoke|hot|mix|soak] [--rate N] [--read-rate N] [--duration S] [--connections N]
  [--pregrown] [--pregrown-bets N] [--users N] [--workers N] [--pool-max N] [--pgbench-seconds S] [--ceiling-seconds S]
  [--cpu-prof DIR] [--json]
Scenarios, figures and targets: docs/performance.md#bench-load.
`;

const { values } = parseArgs({
  options: {
    help: { type: 'boolean', short: 'h', default: false },
    scenario: { type: 'string', default: 'smoke' },
    rate: { type: 'string' },
    'read-rate': { type: 'string' },
    duration: { type: 'string' },
    connections: { type: 'string', default: '64' },
    pregrown: { type: 'boolean', default: false },
    'pregrown-bets': { type: 'string' },
    users: { type: 'string' },
    workers: { type: 'string', default: '0' },
    'pool-max': { type: 'string' },
    'pgbench-seconds': { type: 'string', default: '5' },
    'ceiling-seconds': { type: 'string', default: '5' },
    json: { type: 'boolean', default: false },
    'cpu-prof': { type: 'string' },
  },
});

if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}

function number(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number ≥ 0`);
  return value;
}

if (!(SCENARIOS as readonly string[]).includes(values.scenario)) throw new Error(`--scenario must be one of ${SCENARIOS.join(', ')}`);
const scenario = values.scenario as ScenarioName;
const defaults = DEFAULT_RATES[scenario];
const pregrownBets = values.pregrown || values['pregrown-bets'] !== undefined ? number('pregrown-bets', values['pregrown-bets'], PREGROWN_BETS) : 0;
const options: HarnessOptions = {
  scenario,
  betRate: number('rate', values.rate, defaults.betRate),
  readRate: number('read-rate', values['read-rate'], defaults.readRate),
  durationSeconds: number('duration', values.duration, defaults.durationSeconds),
  connections: number('connections', values.connections, 64),
  serverUrl: process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  pregrownBets,
  // the fixture: 1 000 users over 20 markets (2 hot); a fresh run needs only the bettors
  users: number('users', values.users, pregrownBets > 0 ? 1000 : 100),
  markets: 20,
  hotMarkets: 2,
  bettors: 100,
  workers: number('workers', values.workers, 0),
  ...(values['pool-max'] === undefined ? {} : { poolMax: number('pool-max', values['pool-max'], 0) }),
  pgbenchSeconds: number('pgbench-seconds', values['pgbench-seconds'], 5),
  ceilingSeconds: number('ceiling-seconds', values['ceiling-seconds'], 5),
  ...(values['cpu-prof'] === undefined ? {} : { cpuProfileDir: resolve(values['cpu-prof']) }),
  log: (line) => void process.stderr.write(`[bench:load] ${line}\n`),
};
options.bettors = Math.min(options.bettors, options.users);

const report = await runHarness(options);
process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
