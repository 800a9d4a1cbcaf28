// Load for the process tests of DB-10, DEP-2 and DEP-3: bets and reads from the development accounts over a fixed set
// of keep-alive connections, the way a load balancer or a busy client holds them, with every answer recorded.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCli, type ApiProcess } from './api-process.ts';

/** seed-dev's players (testuser01 is the moderator who creates the market). */
const PLAYERS = ['testuser02', 'testuser03', 'testuser04', 'testuser05', 'testuser06', 'testuser07', 'testuser08', 'testuser09'];

let roomySetupFile: string | undefined;

/**
 * Environment for an API process under this load: a setup policy whose debt limit the players cannot reach, so that
 * however fast the API takes their 1-credit bets for the length of a test, every refusal is a failure worth reporting
 * (at the default limit of 500 a player runs out after about 500 bets).
 */
export function loadEnv(): Record<string, string> {
  if (roomySetupFile === undefined) {
    roomySetupFile = join(mkdtempSync(join(tmpdir(), 'sp-bet-load-')), 'setup.yaml');
    writeFileSync(roomySetupFile, 'economics:\n  user:\n    maximumDebtAllowed: 100000000\n');
  }
  return { SETUP_FILE: roomySetupFile };
}

export interface Bettors {
  marketId: number;
  /** bearer token by username */
  tokens: Map<string, string>;
}

export interface Bet {
  username: string;
  outcome: string;
  amount: number;
  placedAt: string;
}

export interface Answer {
  kind: 'bet' | 'read';
  /** the HTTP status, or the socket error's code when no answer came */
  outcome: number | string;
  /** the reason code of a refusal (4xx), which tells a business answer from a failure */
  reason?: string;
}

export interface LoadReport {
  answers: Answer[];
  /** the bets answered 201, as their responses described them */
  acknowledged: Bet[];
}

export interface Load {
  /** answers recorded so far */
  answers(): readonly Answer[];
  /** stops sending, waits for the requests in flight, and reports */
  stop(): Promise<LoadReport>;
}

interface Reply {
  status: number;
  body: string;
}

function send(agent: Agent, api: Pick<ApiProcess, 'baseUrl'>, method: 'GET' | 'POST', path: string, token?: string, body?: unknown): Promise<Reply> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      `${api.baseUrl}${path}`,
      {
        method,
        agent,
        timeout: 30_000,
        headers: {
          ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
          ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8').on('data', (chunk: string) => void (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
        response.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(Object.assign(new Error('request timed out'), { code: 'TIMEOUT' })));
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

/** The development accounts (seed-dev on the API's database), logged in, and one market created by the moderator. */
export async function prepareBettors(api: Pick<ApiProcess, 'baseUrl'>, databaseUrl: string): Promise<Bettors> {
  const seeded = await runCli(['seed-dev'], { DATABASE_URL: databaseUrl });
  expect(seeded.code, seeded.output).toBe(0);
  const agent = new Agent({ keepAlive: true });
  try {
    const tokens = new Map<string, string>();
    for (const username of ['testuser01', ...PLAYERS]) {
      const login = await send(agent, api, 'POST', '/v0/login', undefined, { username, password: 'password' });
      expect(login.status, login.body).toBe(200);
      tokens.set(username, (JSON.parse(login.body) as { result: { token: string } }).result.token);
    }
    const market = await send(agent, api, 'POST', '/v0/markets', tokens.get('testuser01'), {
      questionTitle: 'Will the load test pass?',
      description: 'Bets placed by the process tests',
      outcomeType: 'BINARY',
      resolutionDateTime: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    expect(market.status, market.body).toBe(201);
    return { marketId: (JSON.parse(market.body) as { id: number }).id, tokens };
  } finally {
    agent.destroy();
  }
}

export interface LoadOptions {
  /** keep-alive connections, one request loop each */
  connections: number;
  /** pause after each answer, which bounds the rate at connections / pause */
  pauseMs: number;
  /** every n-th request of a loop is a read of the market (the others are bets); 0 for bets only */
  readEvery: number;
}

function reasonOf(body: string): string {
  try {
    return String((JSON.parse(body) as { reason?: unknown }).reason ?? 'none');
  } catch {
    return 'unparsable';
  }
}

/** Starts the loops: bets of 1 credit on alternating outcomes, each loop as one player (players repeat beyond eight). */
export function startLoad(api: Pick<ApiProcess, 'baseUrl'>, bettors: Bettors, options: LoadOptions): Load {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const answers: Answer[] = [];
  const acknowledged: Bet[] = [];
  let running = true;

  const loop = async (index: number) => {
    const username = PLAYERS[index % PLAYERS.length] ?? 'testuser02';
    const token = bettors.tokens.get(username);
    for (let sent = 0; running; sent += 1) {
      const read = options.readEvery > 0 && sent % options.readEvery === options.readEvery - 1;
      const kind = read ? 'read' : 'bet';
      try {
        const reply = read
          ? await send(agent, api, 'GET', `/v0/markets/${bettors.marketId}`)
          : await send(agent, api, 'POST', '/v0/bet', token, { marketId: bettors.marketId, outcome: sent % 2 === 0 ? 'YES' : 'NO', amount: 1 });
        answers.push({ kind, outcome: reply.status, ...(reply.status >= 400 && reply.status < 500 ? { reason: reasonOf(reply.body) } : {}) });
        if (!read && reply.status === 201) {
          const { result } = JSON.parse(reply.body) as { result: Bet };
          acknowledged.push({ username: result.username, outcome: result.outcome, amount: result.amount, placedAt: result.placedAt });
        }
      } catch (error) {
        answers.push({ kind, outcome: (error as { code?: string }).code ?? String(error) });
      }
      await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
    }
  };
  const loops = Array.from({ length: options.connections }, (_, index) => loop(index));

  return {
    answers: () => answers,
    stop: async () => {
      running = false;
      await Promise.all(loops);
      agent.destroy();
      return { answers, acknowledged };
    },
  };
}

/** The market's stored bet rows, in the shape of a 201's body. */
export async function storedBets(api: Pick<ApiProcess, 'baseUrl'>, marketId: number): Promise<Bet[]> {
  const response = await fetch(`${api.baseUrl}/v0/markets/bets/${marketId}`);
  expect(response.status).toBe(200);
  const { result } = (await response.json()) as { result: Bet[] };
  return result.map(({ username, outcome, amount, placedAt }) => ({ username, outcome, amount, placedAt }));
}

/** Outcome (with the reason of a refusal) → how many answers had it. */
export function tally(answers: readonly Answer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { outcome, reason } of answers) {
    const key = reason === undefined ? String(outcome) : `${String(outcome)} ${reason}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
