// Request-path profile (docs/performance.md#request-path-profile): the real API (`serve`) as a child process on a fresh
// PostgreSQL database, driven over HTTP on loopback with a fixed number of concurrent clients: N bets on a hot market,
// then N reads of each kind. Per phase it prints requests/s, p50/p95 and the API's own CPU per request, read from
// /proc/<pid>/stat before and after the phase (the driver's CPU is not counted).
// Settings: PROFILE_SERVER_URL (default postgres://postgres@127.0.0.1:5432), PROFILE_REQUESTS (2000 per phase),
// PROFILE_CLIENTS (16), PROFILE_BIG_ROWS (100000 rows inserted by SQL into a second market; 0 skips it),
// PROFILE_CPU_PROF_DIR (set: the API runs with `node --cpu-prof` and writes its profile there on exit),
// PROFILE_ONLY (comma-separated phase name prefixes, e.g. `bet` to profile the bet path alone), PROFILE_API_LOG (a file
// for the API's log lines; discarded otherwise).
import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI_ENTRY = fileURLToPath(new URL('../apps/cli/src/main.ts', import.meta.url));
const SERVER_URL = process.env.PROFILE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432';
const REQUESTS = Number(process.env.PROFILE_REQUESTS ?? '2000');
const CLIENTS = Number(process.env.PROFILE_CLIENTS ?? '16');
const BIG_ROWS = Number(process.env.PROFILE_BIG_ROWS ?? '100000');
const CPU_PROF_DIR = process.env.PROFILE_CPU_PROF_DIR;
const API_LOG = process.env.PROFILE_API_LOG;
const ONLY = process.env.PROFILE_ONLY?.split(',').map((prefix) => prefix.trim());
const USERS = 40;
const ADMIN_PASSWORD = 'Profile1AdminPassword';
const PASSWORD = 'Profile1UserPassword';
// /proc/<pid>/stat counts CPU in clock ticks; 100 per second on Linux.
const TICKS_PER_SECOND = 100;

const psql = (database: string, sql: string) =>
  execFileSync('psql', ['-v', 'ON_ERROR_STOP=1', '-qAt', `${SERVER_URL}/${database}`, '-c', sql], { encoding: 'utf8' });

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no TCP port');
  return address.port;
}

function cpuSecondsOf(pid: number): number {
  // Fields after the command name (which may contain spaces, hence the last ')'): utime and stime are fields 14 and 15.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

interface Answer {
  status: number;
  body: unknown;
}

function client(baseUrl: string) {
  return async (method: string, path: string, token?: string, body?: unknown): Promise<Answer> => {
    const headers: Record<string, string> = {};
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${baseUrl}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await response.text();
    return { status: response.status, body: text.length > 0 && text.startsWith('{') ? JSON.parse(text) : text };
  };
}

type Call = ReturnType<typeof client>;

function expectStatus(answer: Answer, status: number, what: string): void {
  if (answer.status !== status) throw new Error(`${what}: expected ${status}, got ${answer.status} ${JSON.stringify(answer.body)}`);
}

async function loggedIn(call: Call, username: string, password: string): Promise<string> {
  const login = await call('POST', '/v0/login', undefined, { username, password });
  expectStatus(login, 200, `login ${username}`);
  return (login.body as { result: { token: string } }).result.token;
}

/** Logs in with a one-time password and replaces it, as every new account must (docs/api.md#password-gate). */
async function settledToken(call: Call, username: string, oneTimePassword: string): Promise<string> {
  const first = await loggedIn(call, username, oneTimePassword);
  expectStatus(await call('POST', '/v0/changepassword', first, { currentPassword: oneTimePassword, newPassword: PASSWORD }), 200, 'changepassword');
  return loggedIn(call, username, PASSWORD);
}

interface PhaseFigures {
  phase: string;
  requests: number;
  'req/s': string;
  'p50 ms': string;
  'p95 ms': string;
  'API CPU µs/req': string;
}

async function phase(name: string, pid: number, requests: number, send: (i: number) => Promise<Answer>, expected: number): Promise<PhaseFigures[]> {
  if (ONLY !== undefined && !ONLY.some((prefix) => name.startsWith(prefix))) return [];
  const latencies: number[] = [];
  let next = 0;
  const cpuBefore = cpuSecondsOf(pid);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (let i = next++; i < requests; i = next++) {
        const sent = performance.now();
        const answer = await send(i);
        latencies.push(performance.now() - sent);
        expectStatus(answer, expected, name);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuSecondsOf(pid) - cpuBefore;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => (latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0).toFixed(2);
  return [{
    phase: name,
    requests,
    'req/s': (requests / seconds).toFixed(0),
    'p50 ms': at(0.5),
    'p95 ms': at(0.95),
    'API CPU µs/req': ((cpu / requests) * 1e6).toFixed(0),
  }];
}

/** A second market grown to `rows` buy rows by SQL (reads only: the ledger is not posted), totals kept consistent. */
function growBigMarket(database: string, marketId: number, rows: number): void {
  psql(
    database,
    `INSERT INTO bets (market_id, username, outcome, amount, placed_at)
       SELECT ${marketId}, 'trader' || (g % ${USERS}), CASE WHEN g % 3 = 0 THEN 'NO' ELSE 'YES' END, 1 + g % 7,
              now() - interval '1 day' + g * interval '1 millisecond'
       FROM generate_series(1, ${rows}) AS g;
     UPDATE markets m SET yes_total = s.yes, no_total = s.no, volume = s.yes + s.no, row_count = s.n, last_placed_at = s.last
       FROM (SELECT sum(amount) FILTER (WHERE outcome = 'YES') AS yes, sum(amount) FILTER (WHERE outcome = 'NO') AS no,
                    count(*) AS n, max(placed_at) AS last FROM bets WHERE market_id = ${marketId}) s
       WHERE m.id = ${marketId};`,
  );
}

async function main(): Promise<void> {
  const database = `profile_${process.pid}_${Date.now()}`;
  psql('postgres', `CREATE DATABASE ${database}`);
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [...(CPU_PROF_DIR === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF_DIR}`]), '--conditions=source', CLI_ENTRY, 'serve'],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        APP_ENV: 'test',
        HOST: '127.0.0.1',
        BACKEND_PORT: String(port),
        DATABASE_URL: `${SERVER_URL}/${database}`,
        ADMIN_PASSWORD,
        JWT_SIGNING_KEY: 'profile-signing-key-of-at-least-32-bytes',
        // Request logs at info, as in production; written to a pipe the driver drains.
        LOG_LEVEL: 'info',
        RATE_LIMIT_ENABLED: 'false',
        UNDER_PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0',
        DB_POOL_MAX: '16',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  if (API_LOG === undefined) child.stdout.resume();
  else child.stdout.pipe(createWriteStream(API_LOG));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  const baseUrl = `http://127.0.0.1:${port}`;
  const call = client(baseUrl);
  try {
    for (let ready = false; !ready; ) {
      ready = await call('GET', '/readyz').then((a) => a.status === 200, () => false);
      if (!ready) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const pid = child.pid ?? 0;
    const admin = await settledToken(call, 'admin', ADMIN_PASSWORD);
    const tokens: string[] = [];
    for (let i = 0; i < USERS; i++) {
      const created = await call('POST', '/v0/admin/createuser', admin, { username: `trader${i}` });
      expectStatus(created, 200, 'createuser');
      tokens.push(await settledToken(call, `trader${i}`, (created.body as { password: string }).password));
    }
    const market = async (title: string) => {
      const created = await call('POST', '/v0/markets', admin, {
        questionTitle: title,
        description: 'profile',
        outcomeType: 'BINARY',
        resolutionDateTime: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      });
      expectStatus(created, 201, 'create market');
      return (created.body as { id: number }).id;
    };
    const hot = await market('Hot market of the profile');
    const big = await market('Big market of the profile');
    if (BIG_ROWS > 0) growBigMarket(database, big, BIG_ROWS);

    const token = (i: number) => tokens[i % USERS] as string;
    const figures: PhaseFigures[] = [];
    figures.push(
      ...await phase('bet (hot market)', pid, REQUESTS, (i) => call('POST', '/v0/bet', token(i), { marketId: hot, amount: 1, outcome: i % 2 === 0 ? 'YES' : 'NO' }), 201),
    );
    const reads: [string, (i: number) => string][] = [
      ['market detail', () => `/v0/markets/${hot}`],
      ['market summary', () => `/v0/read/markets/${hot}/summary`],
      ['positions page', () => `/v0/markets/positions/${hot}?limit=20`],
      ['user position', (i) => `/v0/markets/positions/${hot}/trader${i % USERS}`],
      ['market leaderboard', () => `/v0/markets/${hot}/leaderboard?limit=20`],
      ['discovery list', () => '/v0/read/market-discovery/markets?limit=21'],
    ];
    for (const [name, path] of reads) figures.push(...await phase(name, pid, REQUESTS, (i) => call('GET', path(i)), 200));
    figures.push(...await phase('private profile (auth)', pid, REQUESTS, (i) => call('GET', '/v0/privateprofile', token(i)), 200));
    if (BIG_ROWS > 0) {
      const bigReads = Math.max(50, Math.floor(REQUESTS / 10));
      figures.push(...await phase(`positions page, ${BIG_ROWS} rows`, pid, bigReads, () => call('GET', `/v0/markets/positions/${big}?limit=20`), 200));
      figures.push(...await phase(`leaderboard, ${BIG_ROWS} rows`, pid, bigReads, () => call('GET', `/v0/markets/${big}/leaderboard?limit=20`), 200));
      figures.push(...await phase(`market detail, ${BIG_ROWS} rows`, pid, bigReads, () => call('GET', `/v0/markets/${big}`), 200));
    }
    console.log(`Request paths: ${REQUESTS} requests per phase from ${CLIENTS} clients, API pid ${pid}`);
    console.table(figures);
  } finally {
    child.kill('SIGTERM');
    await exited;
    psql('postgres', `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  }
}

await main();
