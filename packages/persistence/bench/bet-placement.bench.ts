// Bet placement on one hot market through the real use case and Drizzle adapters on PostgreSQL (issue 3 benchmark):
// sequential and N-way concurrent, next to the pgbench TPC-B-like baseline of PERF-1 (docs/performance.md#perf-1) measured in the
// same run on the same server (the physical limit of a write transaction on this machine).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { openDatabase } from '../src/drizzle/database.factory.ts';
import { migrate } from '../src/drizzle/migrations.migrator.ts';
import { DrizzleUnitOfWork, drizzleRepositories } from '../src/drizzle/unit-of-work.drizzle.ts';
import { databaseUrl, testDatabaseSettings } from '../test/support/database.settings.ts';
import { moneyUseCases, seedMarket, seedUser } from '../test/support/money-use-cases.ts';

const run = promisify(execFile);

export interface LatencyFigures {
  bets: number;
  betsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

export interface BetPlacementFigures {
  sequential: LatencyFigures;
  concurrent: LatencyFigures & { clients: number };
  pgbenchTps: number;
}

export interface BetPlacementOptions {
  /** a PostgreSQL server URL whose user may create and drop databases */
  serverUrl: string;
  sequentialBets: number;
  concurrentBets: number;
  clients: number;
  pgbenchSeconds: number;
}

function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? 0;
}

function summarise(latencies: number[], wallMs: number): LatencyFigures {
  const sorted = latencies.toSorted((a, b) => a - b);
  return {
    bets: latencies.length,
    betsPerSecond: (latencies.length / wallMs) * 1000,
    p50Ms: percentile(sorted, 0.5),
    p95Ms: percentile(sorted, 0.95),
    p99Ms: percentile(sorted, 0.99),
  };
}

async function withScratchDatabase<T>(serverUrl: string, work: (url: string, name: string) => Promise<T>): Promise<T> {
  const name = `sp_bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => undefined });
  await admin`CREATE DATABASE ${admin(name)}`;
  try {
    return await work(databaseUrl(serverUrl, name), name);
  } finally {
    await admin`DROP DATABASE IF EXISTS ${admin(name)} WITH (FORCE)`;
    await admin.end();
  }
}

/** pgbench -i -s 16, then -c 16 -j 2 -M prepared for the given duration; returns its TPS. */
async function pgbenchTps(serverUrl: string, clients: number, seconds: number): Promise<number> {
  return withScratchDatabase(serverUrl, async (url) => {
    await run('pgbench', ['-i', '-q', '-s', '16', url]);
    const { stdout } = await run('pgbench', ['-c', String(clients), '-j', '2', '-T', String(seconds), '-M', 'prepared', url]);
    const tps = /tps = ([\d.]+)/.exec(stdout)?.[1];
    if (tps === undefined) throw new Error(`pgbench printed no TPS:\n${stdout}`);
    return Number(tps);
  });
}

async function placeBets(options: BetPlacementOptions, url: string) {
  const database = await openDatabase(testDatabaseSettings(url, { poolMax: options.clients }));
  try {
    const migrated = await migrate(database);
    if (migrated.isErr()) throw new Error(`migration failed: ${migrated.error.message}`);
    const ports = { ...drizzleRepositories(database), unitOfWork: new DrizzleUnitOfWork(database) };
    const clock = { now: () => Date.now() };
    const useCases = moneyUseCases(ports, clock);
    // Enough traders with enough credit that the debt rule never stops the run.
    const traders = Array.from({ length: options.clients * 4 }, (_, i) => `bench${String(i).padStart(3, '0')}`);
    for (const trader of traders) await seedUser(ports, trader, 1_000_000_000, clock.now());
    const market = await seedMarket(useCases, traders[0] ?? 'bench000', clock.now());

    const placeOne = async (index: number): Promise<number> => {
      const started = performance.now();
      const input = {
        username: traders[index % traders.length] ?? 'bench000',
        marketId: market.id,
        outcome: index % 2 === 0 ? 'YES' : 'NO',
        amount: 1 + (index % 5),
      };
      // Every bet commits its audit row with it, as the composed use cases of the apps do (docs/api.md#audit-log).
      const result = await useCases.placeBet(input, () => ({
        audit: {
          at: clock.now(),
          actor: input.username,
          action: 'placeBet',
          target: `market:${String(input.marketId)}`,
          requestId: null,
          outcome: 'ok',
          inputs: { marketId: input.marketId, outcome: input.outcome, amount: input.amount },
        },
      }));
      if (result.isErr()) throw new Error(`bet ${index} failed: ${result.error.code}`);
      return performance.now() - started;
    };

    const sequentialLatencies: number[] = [];
    const sequentialStart = performance.now();
    for (let i = 0; i < options.sequentialBets; i++) sequentialLatencies.push(await placeOne(i));
    const sequential = summarise(sequentialLatencies, performance.now() - sequentialStart);

    const concurrentLatencies: number[] = [];
    let next = options.sequentialBets;
    const end = options.sequentialBets + options.concurrentBets;
    const client = async () => {
      while (next < end) concurrentLatencies.push(await placeOne(next++));
    };
    const concurrentStart = performance.now();
    await Promise.all(Array.from({ length: options.clients }, client));
    const concurrent = { ...summarise(concurrentLatencies, performance.now() - concurrentStart), clients: options.clients };
    return { sequential, concurrent };
  } finally {
    await database.close();
  }
}

export async function runBetPlacementBench(options: BetPlacementOptions): Promise<BetPlacementFigures> {
  const bets = await withScratchDatabase(options.serverUrl, (url) => placeBets(options, url));
  const pgbench = await pgbenchTps(options.serverUrl, options.clients, options.pgbenchSeconds);
  return { ...bets, pgbenchTps: pgbench };
}
