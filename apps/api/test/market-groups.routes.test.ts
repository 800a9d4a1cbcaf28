// Market group routes (docs/api.md#market-groups) over the whole HTTP adapter on the memory fakes: creation, the
// group page and its activity lists, resolution with its authorization matrix, answer additions and their queues.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from './helpers/test-app.ts';

const DAY = 86_400_000;

let t: TestApp;
let tokens: Record<'admin' | 'regular' | 'moderator' | 'suspended' | 'steward', string>;

const createBody = (overrides: Record<string, unknown> = {}) => ({
  questionTitle: 'Who wins the cup?',
  description: 'Final on Sunday',
  resolutionDateTime: new Date(t.ports.clock.now() + 7 * DAY).toISOString(),
  answerLabels: ['Reds', 'Blues', 'Greens'],
  ...overrides,
});

async function createGroup(token = tokens.steward, overrides: Record<string, unknown> = {}) {
  const response = await t.inject({ method: 'POST', url: '/v0/market-groups', headers: bearer(token), payload: createBody(overrides) });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { group: { id: number }; answers: { marketId: number; answerLabel: string }[] };
}

const bet = (token: string, marketId: number, outcome: 'YES' | 'NO', amount: number) =>
  t.inject({ method: 'POST', url: '/v0/bet', headers: bearer(token), payload: { marketId, outcome, amount } });

beforeEach(async () => {
  t = await createTestApp();
  tokens = {
    admin: await t.user('boss', { role: 'ADMIN' }),
    regular: await t.user('joe'),
    moderator: await t.user('mod', { role: 'MODERATOR' }),
    suspended: await t.user('sus', { role: 'MODERATOR', suspended: true }),
    steward: await t.user('stew'),
  };
});
afterEach(() => t.close());

describe('POST /v0/market-groups and GET /v0/market-groups/{id}', () => {
  it('creates the group with one answer market per label and reads it back', async () => {
    const created = await createGroup();
    expect(created).toMatchObject({
      group: { questionTitle: 'Who wins the cup?', groupType: 'MULTIPLE_CHOICE_BINARY', lifecycleStatus: 'published', status: 'active', proposalCost: 10, answerCount: 3, stewardUsername: 'stew' },
      creator: { username: 'stew' },
      answers: [
        { answerLabel: 'Reds', displayOrder: 1, market: { market: { questionTitle: 'Who wins the cup? - Reds' } } },
        { answerLabel: 'Blues', displayOrder: 2 },
        { answerLabel: 'Greens', displayOrder: 3 },
      ],
    });
    const read = await t.inject({ method: 'GET', url: `/v0/market-groups/${String(created.group.id)}` });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(created);
    expect((await t.inject({ method: 'GET', url: '/v0/market-groups/999' })).json()).toMatchObject({ ok: false, reason: 'MARKET_NOT_FOUND' });
  });

  it('refuses duplicates, too few answers and long labels with 400, and anonymous callers with 401', async () => {
    for (const answerLabels of [['Reds', 'REDS'], ['Reds'], ['Reds', 'x'.repeat(161)]]) {
      const refused = await t.inject({ method: 'POST', url: '/v0/market-groups', headers: bearer(tokens.regular), payload: createBody({ answerLabels }) });
      expect(refused.statusCode, JSON.stringify(answerLabels)).toBe(400);
      expect(refused.json()).toMatchObject({ ok: false, reason: 'VALIDATION_FAILED' });
    }
    expect((await t.inject({ method: 'POST', url: '/v0/market-groups', payload: createBody() })).statusCode).toBe(401);
    const suspended = await t.inject({ method: 'POST', url: '/v0/market-groups', headers: bearer(tokens.suspended), payload: createBody() });
    expect(suspended.json()).toMatchObject({ ok: false, reason: 'USER_NOT_APPROVED' });
  });
});

describe('market reads of an answer market name its group (GroupLink)', () => {
  const createLone = async () => {
    const lone = await t.inject({
      method: 'POST',
      url: '/v0/markets',
      headers: bearer(tokens.regular),
      payload: { questionTitle: 'Who wins alone?', description: '', outcomeType: 'BINARY', resolutionDateTime: createBody().resolutionDateTime },
    });
    expect(lone.statusCode, lone.body).toBe(201);
    return lone.json() as { id: number };
  };
  const linkOf = (groupId: number, answerLabel: string, displayOrder: number) => ({
    id: groupId,
    questionTitle: 'Who wins the cup?',
    description: 'Final on Sunday',
    groupType: 'MULTIPLE_CHOICE_BINARY',
    lifecycleStatus: 'published',
    status: 'active',
    answerLabel,
    displayOrder,
    answerCount: 3,
    creatorUsername: 'stew',
    stewardUsername: 'stew',
    resolutionDateTime: createBody().resolutionDateTime,
    createdAt: expect.any(String),
    updatedAt: expect.any(String),
  });

  // The web app's market page shows the whole group only when the market carries `marketGroup` (regression: it was absent).
  it('GET /v0/markets/{id} names the group, the answer and the answer count; a lone market has no marketGroup', async () => {
    const created = await createGroup();
    const blues = created.answers[1];
    const read = await t.inject({ method: 'GET', url: `/v0/markets/${String(blues?.marketId)}` });
    expect(read.statusCode).toBe(200);
    expect(read.json().market.marketGroup).toEqual(linkOf(created.group.id, 'Blues', 2));
    const lone = await createLone();
    const loneRead = await t.inject({ method: 'GET', url: `/v0/markets/${String(lone.id)}` });
    expect(loneRead.json().market).not.toHaveProperty('marketGroup');
  });

  // http-api §1.5: MarketResponse, in every MarketOverview, carries it too; the web app's pin picker names the group by it.
  it('every market list, the search and the discovery read carry it on answer markets only', async () => {
    const created = await createGroup();
    const lone = await createLone();
    const expected = new Map<number, unknown>(created.answers.map((answer, index) => [answer.marketId, linkOf(created.group.id, answer.answerLabel, index + 1)]));
    expected.set(lone.id, undefined);
    type Overview = { market: { id: number; marketGroup?: unknown } };
    const linksIn = (overviews: Overview[]) => new Map(overviews.map((overview) => [overview.market.id, overview.market.marketGroup]));
    const read = async (url: string) => {
      const response = await t.inject({ method: 'GET', url });
      expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
      return response.json();
    };
    for (const url of ['/v0/markets', '/v0/markets/active', '/v0/markets?status=active', '/v0/markets/status', '/v0/markets/status/active']) {
      expect(linksIn((await read(url)).markets), url).toEqual(expected);
    }
    expect(linksIn((await read('/v0/markets/search?query=wins')).primaryResults)).toEqual(expected);
    expect(linksIn((await read('/v0/read/market-discovery/markets')).result.markets)).toEqual(expected);
    const group = await read(`/v0/market-groups/${String(created.group.id)}`);
    expect(group.answers.map((answer: { market: Overview }) => answer.market.market.marketGroup)).toEqual([...expected.values()].slice(0, 3));
    // Nothing in the closed or resolved lists yet: the key is not invented for an empty page.
    expect((await read('/v0/markets/resolved')).markets).toEqual([]);
  });
});

describe('POST /v0/market-groups/{id}/resolve', () => {
  it('answers 401 anonymous and 403 to a user, a moderator, a suspended moderator and an admin; the steward resolves', async () => {
    const { group, answers } = await createGroup();
    const url = `/v0/market-groups/${String(group.id)}/resolve`;
    const payload = { mode: 'exclusive_yes', winningMarketId: answers[1]!.marketId };
    expect((await t.inject({ method: 'POST', url, payload })).statusCode).toBe(401);
    for (const token of [tokens.regular, tokens.moderator, tokens.suspended, tokens.admin]) {
      const denied = await t.inject({ method: 'POST', url, headers: bearer(token), payload });
      expect(denied.statusCode).toBe(403);
      expect(denied.json()).toMatchObject({ ok: false, reason: 'AUTHORIZATION_DENIED' });
    }
    expect((await t.inject({ method: 'POST', url, headers: bearer(tokens.steward), payload: { mode: 'sideways' } })).statusCode).toBe(400);
    const resolved = await t.inject({ method: 'POST', url, headers: bearer(tokens.steward), payload });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({ id: group.id, lifecycleStatus: 'resolved', status: 'resolved', answerCount: 3 });
    const again = await t.inject({ method: 'POST', url, headers: bearer(tokens.steward), payload: { mode: 'na' } });
    expect(again.json()).toMatchObject({ ok: false, reason: 'MARKET_CLOSED' });
  });

  it('pays a manual resolution like resolving each answer alone', async () => {
    const { group, answers } = await createGroup();
    expect((await bet(tokens.regular, answers[0]!.marketId, 'YES', 20)).statusCode).toBe(201);
    expect((await bet(tokens.moderator, answers[0]!.marketId, 'NO', 10)).statusCode).toBe(201);
    const resolved = await t.inject({
      method: 'POST',
      url: `/v0/market-groups/${String(group.id)}/resolve`,
      headers: bearer(tokens.steward),
      payload: { mode: 'manual', resolutions: answers.map((answer, index) => ({ marketId: answer.marketId, resolution: index === 0 ? 'yes' : 'N/A' })) },
    });
    expect(resolved.statusCode).toBe(200);
    const pool = t.ports.database.accountBalances().get(`pool:${answers[0]!.marketId}`) ?? 0;
    expect(pool).toBe(0);
    const leaderboard = await t.inject({ method: 'GET', url: `/v0/market-groups/${String(group.id)}/leaderboard` });
    expect(leaderboard.json().result.leaderboard[0]).toMatchObject({ username: 'joe', rank: 1, answers: [{ answerLabel: 'Reds', displayOrder: 1 }] });
  });

  it('answers 409 MARKET_GROUP_CHILD_UNPUBLISHED listing the unpublished answers of a proposal', async () => {
    const moderated = await createTestApp({ GAME_MODE: 'moderator' });
    try {
      const mod = await moderated.user('mod', { role: 'MODERATOR' });
      const created = await moderated.inject({ method: 'POST', url: '/v0/market-groups', headers: bearer(mod), payload: { ...createBody(), resolutionDateTime: new Date(moderated.ports.clock.now() + 7 * DAY).toISOString() } });
      const { group, answers } = created.json() as { group: { id: number; lifecycleStatus: string }; answers: { marketId: number; answerLabel: string }[] };
      expect(group.lifecycleStatus).toBe('proposed');
      const refused = await moderated.inject({ method: 'POST', url: `/v0/market-groups/${String(group.id)}/resolve`, headers: bearer(mod), payload: { mode: 'na' } });
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({
        ok: false,
        reason: 'MARKET_GROUP_CHILD_UNPUBLISHED',
        details: {
          marketId: answers[0]!.marketId,
          answerLabel: 'Reds',
          lifecycleStatus: 'proposed',
          marketIds: answers.map((answer) => answer.marketId),
        },
      });
    } finally {
      await moderated.close();
    }
  });
});

describe('group activity lists', () => {
  it('lists bets newest first and positions per user with the answer of each row', async () => {
    const { group, answers } = await createGroup();
    await bet(tokens.regular, answers[0]!.marketId, 'YES', 20);
    t.ports.clock.advance(1_000);
    await bet(tokens.moderator, answers[2]!.marketId, 'NO', 10);
    const bets = await t.inject({ method: 'GET', url: `/v0/market-groups/${String(group.id)}/bets?limit=1` });
    expect(bets.json().result).toMatchObject({ groupId: group.id, total: 2, bets: [{ username: 'mod', answerLabel: 'Greens', displayOrder: 3, answerMarketId: answers[2]!.marketId }] });
    const positions = await t.inject({ method: 'GET', url: `/v0/market-groups/${String(group.id)}/positions` });
    expect(positions.json().result).toMatchObject({ total: 2, positions: expect.arrayContaining([expect.objectContaining({ username: 'joe', answers: [expect.objectContaining({ answerLabel: 'Reds' })] })]) });
    expect((await t.inject({ method: 'GET', url: `/v0/market-groups/${String(group.id)}/bets?limit=0` })).statusCode).toBe(400);
  });
});

describe('answer additions', () => {
  it('approves the steward answer at once and queues a moderator answer for the steward to review', async () => {
    const { group } = await createGroup();
    const url = `/v0/market-groups/${String(group.id)}/answers`;
    const own = await t.inject({ method: 'POST', url, headers: bearer(tokens.steward), payload: { answerLabel: 'Yellows' } });
    expect(own.statusCode).toBe(201);
    expect(own.json()).toMatchObject({ status: 'approved', additionCost: 2, answerLabel: 'Yellows' });
    expect((await t.inject({ method: 'POST', url, headers: bearer(tokens.regular), payload: { answerLabel: 'X' } })).statusCode).toBe(403);
    const pending = await t.inject({ method: 'POST', url, headers: bearer(tokens.moderator), payload: { answerLabel: 'Pinks' } });
    expect(pending.json()).toMatchObject({ status: 'pending', marketId: null });
    const id = pending.json().id as number;

    const queue = await t.inject({ method: 'GET', url: '/v0/profile/market-group-answer-additions', headers: bearer(tokens.steward) });
    expect(queue.json().result).toMatchObject({ total: 1, additions: [{ id, answerLabel: 'Pinks' }] });
    const adminQueue = await t.inject({ method: 'GET', url: '/v0/admin/market-group-answer-additions?status=pending&limit=1', headers: bearer(tokens.admin) });
    expect(adminQueue.json().result).toMatchObject({ total: 1, limit: 1 });
    const groupQueue = await t.inject({ method: 'GET', url: `/v0/market-groups/${String(group.id)}/answer-additions?status=approved`, headers: bearer(tokens.moderator) });
    expect(groupQueue.json()).toMatchObject({ total: 1, additions: [{ answerLabel: 'Yellows' }] });
    expect((await t.inject({ method: 'GET', url: `/v0/market-groups/${String(group.id)}/answer-additions`, headers: bearer(tokens.regular) })).statusCode).toBe(403);

    const byModerator = await t.inject({ method: 'PATCH', url: `/v0/profile/market-group-answer-additions/${String(id)}`, headers: bearer(tokens.moderator), payload: { status: 'approved', confirm: true } });
    expect(byModerator.statusCode).toBe(403);
    const approved = await t.inject({ method: 'PATCH', url: `/v0/profile/market-group-answer-additions/${String(id)}`, headers: bearer(tokens.steward), payload: { status: 'approved', confirm: true } });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', reviewedBy: 'stew' });
    const page = await t.inject({ method: 'GET', url: `/v0/market-groups/${String(group.id)}` });
    expect(page.json().group.answerCount).toBe(5);
    const twice = await t.inject({ method: 'PATCH', url: `/v0/admin/market-group-answer-additions/${String(id)}`, headers: bearer(tokens.admin), payload: { status: 'rejected', reason: 'late' } });
    expect(twice.json()).toMatchObject({ ok: false, reason: 'INVALID_STATE' });
  });

  it('lets only the steward or an administrator switch auto-approval', async () => {
    const { group } = await createGroup();
    const url = `/v0/market-groups/${String(group.id)}/answer-addition-settings`;
    expect((await t.inject({ method: 'PATCH', url, headers: bearer(tokens.moderator), payload: { autoApproveAnswerAdditions: true } })).statusCode).toBe(403);
    const switched = await t.inject({ method: 'PATCH', url, headers: bearer(tokens.steward), payload: { autoApproveAnswerAdditions: true } });
    expect(switched.json()).toMatchObject({ autoApproveAnswerAdditions: true, answerCount: 3 });
    const added = await t.inject({ method: 'POST', url: `/v0/market-groups/${String(group.id)}/answers`, headers: bearer(tokens.moderator), payload: { answerLabel: 'Pinks' } });
    expect(added.json()).toMatchObject({ status: 'approved', reviewedBy: 'auto-approval' });
  });
});

describe('group proposals (moderator mode)', () => {
  it('keeps approve, reject, steward and tags to administrators and answers group review rows', async () => {
    const moderated = await createTestApp({ GAME_MODE: 'moderator' });
    try {
      const mod = await moderated.user('mod', { role: 'MODERATOR' });
      await moderated.user('deputy', { role: 'MODERATOR' });
      const admin = await moderated.user('boss', { role: 'ADMIN' });
      const others = [await moderated.user('joe'), mod, await moderated.user('sus', { role: 'MODERATOR', suspended: true })];
      const propose = async () => {
        const created = await moderated.inject({ method: 'POST', url: '/v0/market-groups', headers: bearer(mod), payload: { ...createBody(), resolutionDateTime: new Date(moderated.ports.clock.now() + 7 * DAY).toISOString() } });
        expect(created.statusCode).toBe(201);
        return created.json().group.id as number;
      };
      const first = await propose();
      const patch = (token: string | undefined, id: number, action: string, payload: object) =>
        moderated.inject({ method: 'PATCH', url: `/v0/admin/market-groups/${String(id)}/${action}`, headers: token === undefined ? {} : bearer(token), payload });
      expect((await patch(undefined, first, 'approve', { confirm: true })).statusCode).toBe(401);
      for (const token of others) expect((await patch(token, first, 'approve', { confirm: true })).statusCode).toBe(403);

      const moved = await patch(admin, first, 'steward', { stewardUsername: 'deputy', reason: 'mod away' });
      expect(moved.statusCode, moved.body).toBe(200);
      expect(moved.json().result).toMatchObject({ rowKey: `group:${String(first)}`, isMarketGroup: true, stewardUsername: 'deputy', stewardshipAudits: [{ toStewardUsername: 'deputy' }, {}, {}] });
      const approved = await patch(admin, first, 'approve', { confirm: true });
      expect(approved.json().result).toMatchObject({ lifecycleStatus: 'published', status: 'active', approvedBy: 'boss', childMarkets: [{ status: 'active' }, {}, {}] });
      expect((await patch(admin, first, 'reject', { reason: 'late' })).json()).toMatchObject({ ok: false, reason: 'INVALID_STATE' });

      const second = await propose();
      const queue = await moderated.inject({ method: 'GET', url: '/v0/admin/markets?status=proposed', headers: bearer(admin) });
      expect(queue.json().result).toMatchObject({ total: 1, markets: [{ rowKey: `group:${String(second)}`, isMarketGroup: true, childMarkets: [{}, {}, {}] }] });
      const all = await moderated.inject({ method: 'GET', url: '/v0/admin/markets?status=all&limit=1&offset=1', headers: bearer(admin) });
      expect(all.json().result).toMatchObject({ total: 2, markets: [{ rowKey: `group:${String(first)}` }] });
      const before = moderated.ports.database.accountBalances().get('user:mod') ?? 0;
      const rejected = await patch(admin, second, 'reject', { reason: 'Duplicate' });
      expect(rejected.json().result).toMatchObject({ lifecycleStatus: 'rejected', rejectionReason: 'Duplicate', proposalCost: 10 });
      expect(moderated.ports.database.accountBalances().get('user:mod')).toBe(before + 10);
      expect((await patch(admin, second, 'tags', { tagSlugs: ['nope'] })).statusCode).toBe(400);
      expect((await patch(admin, 999, 'approve', { confirm: true })).json()).toMatchObject({ ok: false, reason: 'MARKET_NOT_FOUND' });
    } finally {
      await moderated.close();
    }
  });
});
