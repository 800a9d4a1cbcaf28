// One `pnpm bench:load` run (docs/performance.md#bench-load): a fresh database, fixtures from `pnpm cli load-seed`
// (pre-grown with --pregrown), the API started through `serve`, the traders logged in, the baselines measured in the
// same run (hello-world read ceiling, pgbench write ceiling), then the scenario at its fixed arrival rates with the
// API's and PostgreSQL's CPU read around it. Every figure is reported with its baseline and the ratio to it.
import { spawn } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import { login, readFixture, runCli, startApi, ROOT, type RunningApi } from './api-under-test.ts';
import { runCeiling, type CeilingFigures } from './closed-loop.ts';
import { runOpenLoop, type StreamFigures } from './open-loop.ts';
import { pgbenchTps } from './pgbench.ts';
import { cpuDelta, sampleCpu, type CpuSample } from './process-cpu.ts';
import { createDatabase, databaseSize } from './scratch-database.ts';
import { summariseProfiles, type HotFunction } from './cpu-profile.ts';
import { scenarioStreams, type ScenarioSettings } from './scenarios.ts';

export interface HarnessOptions extends ScenarioSettings {
  durationSeconds: number;
  /** the PostgreSQL server the scratch databases are created on (the role must be allowed to create databases) */
  serverUrl: string;
  /** bets written by the fixture loader before the run (0: a fresh database) */
  pregrownBets: number;
  users: number;
  markets: number;
  hotMarkets: number;
  /** the pre-authenticated traders the bets come from */
  bettors: number;
  /** CLUSTER_WORKERS of the API (0: one process) */
  workers: number;
  /** DB_POOL_MAX of the API; its own default when absent */
  poolMax?: number;
  /** 0 skips the pgbench baseline */
  pgbenchSeconds: number;
  /** 0 skips the hello-world and market-detail ceilings */
  ceilingSeconds: number;
  /** write the API's V8 CPU profiles here and summarise them in the report */
  cpuProfileDir?: string;
  /** progress lines (stderr) */
  log(line: string): void;
}

export interface CpuFigures {
  seconds: CpuSample;
  /** API CPU per answered request, in µs */
  apiMicrosPerRequest: number;
  /** PostgreSQL CPU per answered request, in µs (every process named postgres on the machine) */
  postgresMicrosPerRequest: number;
  /** share of one core the API used during the run */
  apiCores: number;
}

export interface LoadReport {
  scenario: string;
  machine: { cpus: number; model: string; memoryGiB: number; node: string };
  settings: Omit<HarnessOptions, 'log' | 'serverUrl' | 'cpuProfileDir'>;
  fixture: { bets: number; loadSeconds: number };
  baselines: {
    helloWorld?: CeilingFigures & { cpuMicrosPerRequest: number };
    pgbenchTps?: number;
    marketDetail?: CeilingFigures & { ratioToHelloWorld?: number };
  };
  streams: StreamFigures[];
  groups: StreamFigures[];
  failures: number;
  dropped: number;
  cpu: CpuFigures;
  databaseBytes: { before: number; after: number };
  /** the functions with the most self time in each API process, when profiled */
  profiles?: { file: string; functions: HotFunction[] }[];
  ratios: {
    betsToPgbench?: number;
    readsToHelloWorld?: number;
    apiCpuPerRequestToHelloWorld?: number;
  };
}

async function helloWorldCeiling(connections: number, seconds: number): Promise<CeilingFigures & { cpuMicrosPerRequest: number }> {
  const child = spawn(process.execPath, [join(ROOT, 'apps/load/src/hello-world.server.ts'), '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        const found = /listening (\d+)/.exec(chunk);
        if (found?.[1] !== undefined) resolve(Number(found[1]));
      });
      child.on('exit', (code) => reject(new Error(`the hello-world server exited ${code}`)));
    });
    const pid = child.pid ?? 0;
    const before = await sampleCpu(pid);
    const figures = await runCeiling(`http://127.0.0.1:${port}/`, connections, seconds);
    const used = cpuDelta(before, await sampleCpu(pid));
    return { ...figures, cpuMicrosPerRequest: (used.api * 1e6) / Math.max(1, figures.requestsPerSecond * seconds) };
  } finally {
    child.kill('SIGKILL');
  }
}

const ratio = (value: number, baseline: number | undefined) => (baseline === undefined || baseline === 0 ? undefined : value / baseline);

export async function runHarness(options: HarnessOptions): Promise<LoadReport> {
  const { log } = options;
  const database = await createDatabase(options.serverUrl, 'sp_load');
  const folder = await mkdtemp(join(tmpdir(), 'sp-bench-load-'));
  let api: RunningApi | undefined;
  try {
    log(`database ${database.name}; migrating and seeding (${options.users} users, ${options.markets} markets, ${options.pregrownBets} bets)`);
    await runCli(['migrate'], database.url);
    const seedStarted = Date.now();
    await runCli(
      ['load-seed', '--users', String(options.users), '--moderators', '2', '--markets', String(options.markets), '--hot-markets', String(options.hotMarkets), '--bets', String(options.pregrownBets), '--out', folder],
      database.url,
      (chunk) => void process.stderr.write(chunk),
    );
    const loadSeconds = (Date.now() - seedStarted) / 1000;
    const fixture = await readFixture(folder);

    const baselines: LoadReport['baselines'] = {};
    if (options.pgbenchSeconds > 0) {
      log(`pgbench baseline (${options.pgbenchSeconds} s)`);
      baselines.pgbenchTps = await pgbenchTps(options.serverUrl, options.pgbenchSeconds);
    }
    if (options.ceilingSeconds > 0) {
      log(`hello-world ceiling (${options.ceilingSeconds} s, ${options.connections} connections)`);
      baselines.helloWorld = await helloWorldCeiling(options.connections, options.ceilingSeconds);
    }

    const apiSettings = { CLUSTER_WORKERS: String(options.workers), ...(options.poolMax === undefined ? {} : { DB_POOL_MAX: String(options.poolMax) }) };
    api = await startApi(database.url, join(folder, 'api.log'), apiSettings, options.cpuProfileDir);
    log(`API up (pid ${api.pid}, ${options.workers} workers); logging in ${options.bettors} traders`);
    const tokens = [...(await login(api.baseUrl, fixture.traders.slice(0, options.bettors))).values()];
    const hot = fixture.markets.filter((market) => market.hot).map((market) => market.id);
    const all = fixture.markets.map((market) => market.id);
    const sizeBefore = await databaseSize(database.url);
    const streams = scenarioStreams(options, { tokens, hotMarkets: hot.length > 0 ? hot : all, allMarkets: all, topic: 'load-topic' });
    const client = new Pool(api.baseUrl, { connections: Math.max(1, options.connections * streams.length), pipelining: 1 });
    log(`${options.scenario}: ${streams.map((stream) => `${stream.name} ${stream.rate.toFixed(0)}/s`).join(', ')} for ${options.durationSeconds} s`);
    const cpuBefore = await sampleCpu(api.pid);
    const started = performance.now();
    const result = await runOpenLoop(client, streams, options.durationSeconds * 1000);
    const elapsed = (performance.now() - started) / 1000;
    const used = cpuDelta(cpuBefore, await sampleCpu(api.pid));
    await client.close();
    const sizeAfter = await databaseSize(database.url);
    // After the scenario, not before: a closed loop on a slow read leaves requests queued in the API that would
    // otherwise overlap the scenario's first seconds.
    if (options.ceilingSeconds > 0) {
      const cold = fixture.markets.find((market) => !market.hot) ?? fixture.markets[0];
      if (cold !== undefined) {
        log(`market-detail ceiling (${options.ceilingSeconds} s)`);
        const detail = await runCeiling(`${api.baseUrl}/v0/markets/${cold.id}`, options.connections, options.ceilingSeconds);
        baselines.marketDetail = { ...detail, ratioToHelloWorld: ratio(detail.requestsPerSecond, baselines.helloWorld?.requestsPerSecond) };
      }
    }

    let profiles: LoadReport['profiles'];
    if (options.cpuProfileDir !== undefined) {
      // the profiles are written when the processes exit
      await api.stop();
      api = undefined;
      profiles = await summariseProfiles(options.cpuProfileDir, ROOT);
    }

    const answered = result.groups.reduce((sum, group) => sum + group.ok + group.non2xx, 0);
    const bets = result.groups.find((group) => group.group === 'bets');
    const reads = result.groups.find((group) => group.group === 'reads');
    const apiMicrosPerRequest = (used.api * 1e6) / Math.max(1, answered);
    return {
      scenario: options.scenario,
      machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
      settings: (({ log: _log, serverUrl: _url, cpuProfileDir: _dir, ...rest }) => rest)(options),
      fixture: { bets: options.pregrownBets, loadSeconds },
      baselines,
      streams: result.streams,
      groups: result.groups,
      failures: result.groups.reduce((sum, group) => sum + group.non2xx + group.errors, 0),
      dropped: result.groups.reduce((sum, group) => sum + group.dropped, 0),
      cpu: {
        seconds: used,
        apiMicrosPerRequest,
        postgresMicrosPerRequest: (used.postgres * 1e6) / Math.max(1, answered),
        apiCores: used.api / elapsed,
      },
      databaseBytes: { before: sizeBefore, after: sizeAfter },
      profiles,
      ratios: {
        betsToPgbench: bets === undefined ? undefined : ratio(bets.achievedRate, baselines.pgbenchTps),
        readsToHelloWorld: reads === undefined ? undefined : ratio(reads.achievedRate, baselines.helloWorld?.requestsPerSecond),
        apiCpuPerRequestToHelloWorld: ratio(apiMicrosPerRequest, baselines.helloWorld?.cpuMicrosPerRequest),
      },
    };
  } finally {
    const code = await api?.stop();
    if (code !== undefined && code !== 0) log(`the API exited ${code} on SIGTERM`);
    await database.drop();
    await rm(folder, { recursive: true, force: true });
  }
}
