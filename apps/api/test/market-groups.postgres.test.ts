// Market groups end to end over HTTP on PostgreSQL (docs/api.md#market-groups): a group with three answers, trades on
// two of them, an answer proposed by a moderator and approved by the steward, an exclusive_yes resolution that pays
// every answer exactly as the domain's reference `simulateMarket` resolves that answer alone, a second group resolved
// `na` (refunds), and a trade racing the group resolution, which commits before it or is refused — never half-applied.
// The ledger integrity check (VAL-4) is clean after every step.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeSetRole, OPERATOR, simulateMarket, type Resolution, type SimulationStep } from '@socialpredict/domain';
import { createPostgresApp, type PostgresApp } from './helpers/postgres-app.ts';
import { ScenarioDriver } from './helpers/scenario-driver.ts';

let app: PostgresApp;
let s: ScenarioDriver;

const USERS = ['stew', 'amy', 'ben', 'mod'];

async function createGroup(labels: string[]): Promise<{ id: number; children: number[] }> {
  const response = await s.request('POST', '/v0/market-groups', {
    as: 'stew',
    body: { questionTitle: 'Who wins the cup?', description: 'Final', resolutionDateTime: new Date(Date.now() + 7 * 86_400_000).toISOString(), answerLabels: labels },
  });
  expect(response.statusCode, response.body).toBe(201);
  const body = response.json() as { group: { id: number }; answers: { marketId: number }[] };
  return { id: body.group.id, children: body.answers.map((answer) => answer.marketId) };
}

/** Each user's balance change from trading `steps` on one answer and resolving it alone, per the reference math. */
function expectedDeltas(stepsByChild: Map<number, SimulationStep[]>, resolutionOf: (child: number) => Resolution): Map<string, number> {
  const { betting, marketcreation, user } = app.deps.economics;
  const deltas = new Map<string, number>();
  for (const [child, steps] of stepsByChild) {
    const result = simulateMarket({
      seeds: {
        initialProbability: marketcreation.initialMarketProbability,
        initialSubsidization: marketcreation.initialMarketSubsidization,
        initialYes: marketcreation.initialMarketYes,
        initialNo: marketcreation.initialMarketNo,
      },
      // The creation cost is the group's, charged once before the trades: not part of an answer's settlement.
      config: { ...betting.betFees, maxDustPerSale: betting.maxDustPerSale, maximumDebtAllowed: user.maximumDebtAllowed, createMarketCost: 0, initialAccountBalance: 0 },
      users: USERS,
      creator: 'stew',
      steps: [...steps, { kind: 'resolve', resolution: resolutionOf(child) }],
    });
    for (const [username, balance] of Object.entries(result.balances)) deltas.set(username, (deltas.get(username) ?? 0) + balance);
  }
  return deltas;
}

async function balances(): Promise<Map<string, number>> {
  return new Map(await Promise.all(USERS.map(async (username) => [username, await s.balance(username)] as const)));
}

async function trade(stepsByChild: Map<number, SimulationStep[]>, child: number, username: string, outcome: 'YES' | 'NO', amount: number) {
  const response = await s.bet(username, child, outcome, amount);
  expect(response.statusCode, response.body).toBe(201);
  stepsByChild.set(child, [...(stepsByChild.get(child) ?? []), { kind: 'buy', username, outcome, amount }]);
}

describe('market groups on PostgreSQL', () => {
  beforeEach(async () => {
    app = await createPostgresApp();
    s = new ScenarioDriver(app);
    await s.admin();
    for (const username of USERS) await s.user(username);
    (await makeSetRole(app.deps)({ actor: OPERATOR, username: 'mod', change: { kind: 'role', role: 'MODERATOR' } }))._unsafeUnwrap();
  });

  afterEach(async () => {
    await app.close();
  });

  it('creates, trades, adds an answer, resolves exclusive_yes and na exactly as each answer alone', async () => {
    const cup = await createGroup(['Reds', 'Blues', 'Greens']);
    expect(await s.balance('stew')).toBe(-app.deps.economics.marketincentives.createMarketCost);
    await s.expectSoundBooks();

    const proposed = await s.request('POST', `/v0/market-groups/${String(cup.id)}/answers`, { as: 'mod', body: { answerLabel: 'Yellows' } });
    expect(proposed.json()).toMatchObject({ status: 'pending' });
    const approved = await app.inject({
      method: 'PATCH',
      url: `/v0/profile/market-group-answer-additions/${String(proposed.json().id)}`,
      headers: { authorization: `Bearer ${s.tokens.get('stew') ?? ''}` },
      payload: { status: 'approved', confirm: true },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    const yellows = approved.json().marketId as number;
    await s.expectSoundBooks();

    const before = await balances();
    const steps = new Map<number, SimulationStep[]>();
    const [reds, blues] = cup.children as [number, number, number];
    await trade(steps, reds, 'amy', 'YES', 20);
    await trade(steps, reds, 'ben', 'NO', 15);
    await trade(steps, blues, 'ben', 'YES', 30);
    await trade(steps, blues, 'amy', 'NO', 8);
    await trade(steps, yellows, 'mod', 'YES', 5);
    await s.expectSoundBooks();

    const resolved = await s.request('POST', `/v0/market-groups/${String(cup.id)}/resolve`, { as: 'stew', body: { mode: 'exclusive_yes', winningMarketId: blues } });
    expect(resolved.statusCode, resolved.body).toBe(200);
    const expected = expectedDeltas(steps, (child) => (child === blues ? 'YES' : 'NO'));
    const after = await balances();
    for (const username of USERS) expect(after.get(username)! - before.get(username)!, username).toBe(expected.get(username) ?? 0);
    for (const child of [...cup.children, yellows]) expect(await s.pool(child)).toBe(0);
    await s.expectSoundBooks();

    const second = await createGroup(['Yes please', 'No thanks']);
    const naBefore = await balances();
    const naSteps = new Map<number, SimulationStep[]>();
    await trade(naSteps, second.children[0]!, 'amy', 'YES', 12);
    await trade(naSteps, second.children[1]!, 'ben', 'NO', 9);
    await trade(naSteps, second.children[0]!, 'ben', 'NO', 4);
    const na = await s.request('POST', `/v0/market-groups/${String(second.id)}/resolve`, { as: 'stew', body: { mode: 'na' } });
    expect(na.statusCode, na.body).toBe(200);
    const refunds = expectedDeltas(naSteps, () => 'N/A');
    const naAfter = await balances();
    for (const username of USERS) expect(naAfter.get(username)! - naBefore.get(username)!, username).toBe(refunds.get(username) ?? 0);
    await s.expectSoundBooks();
  });

  it('a trade racing the group resolution commits before it or is refused, never half-applied', async () => {
    for (let round = 0; round < 6; round += 1) {
      const group = await createGroup(['Early', 'Late']);
      await s.bets('amy', group.children[0]!, ['YES', 10]);
      const [racing, resolved] = await Promise.all([
        s.bet('ben', group.children[round % 2]!, 'NO', 7),
        s.request('POST', `/v0/market-groups/${String(group.id)}/resolve`, { as: 'stew', body: { mode: 'na' } }),
      ]);
      expect(resolved.statusCode, resolved.body).toBe(200);
      expect([201, 409], racing.body).toContain(racing.statusCode);
      const rows = await s.request('GET', `/v0/market-groups/${String(group.id)}/bets?limit=200`);
      const benRows = (rows.json().result.bets as { username: string }[]).filter((row) => row.username === 'ben');
      // Committed before the resolution: its row exists and was refunded with the rest (pools empty); refused: no row.
      expect(benRows).toHaveLength(racing.statusCode === 201 ? 1 : 0);
      for (const child of group.children) expect(await s.pool(child)).toBe(0);
      await s.expectSoundBooks();
    }
  });
});
