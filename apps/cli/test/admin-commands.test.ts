// The operator commands on PostgreSQL, called in-process with the real Drizzle adapters: each one's success path
// (and its effect on the books, which stay sound) and its failure paths (usage errors, unknown users and markets,
// refused values), each with a message and a non-zero exit code.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeCreateMarket, makeLogin, makePlaceBet } from '@socialpredict/domain';
import { GLOBAL_READ_MODELS } from '@socialpredict/jobs';
import { drizzleJobRepositories } from '@socialpredict/persistence';
import { CommandFailure, UsageError, type CommandDefinition, type OptionValues } from '../src/command.ts';
import { createUserCommand } from '../src/commands/create-user/create-user.command.ts';
import { auditCommand } from '../src/commands/audit/audit.command.ts';
import { grantCreditsCommand } from '../src/commands/grant-credits/grant-credits.command.ts';
import { integrityCheckCommand, INTEGRITY_VIOLATIONS_EXIT } from '../src/commands/integrity-check/integrity-check.command.ts';
import { resetPasswordCommand } from '../src/commands/reset-password/reset-password.command.ts';
import { resolveMarketCommand } from '../src/commands/resolve-market/resolve-market.command.ts';
import { listUsersCommand } from '../src/commands/list-users/list-users.command.ts';
import { setRoleCommand } from '../src/commands/set-role/set-role.command.ts';
import { testContext, type TestContext } from './support/command-context.ts';
import { createTestDatabase, type TestDatabase } from './support/postgres.harness.ts';

describe('operator commands on PostgreSQL', () => {
  let target: TestDatabase;
  let cli: TestContext;

  beforeEach(async () => {
    target = await createTestDatabase();
    cli = testContext({ DATABASE_URL: target.url, DB_POOL_MAX: '4' });
  });

  afterEach(async () => {
    await cli.close();
    await target.drop();
  });

  const run = (command: CommandDefinition, options: OptionValues) => command.run(cli.context, options);

  async function user(username: string) {
    return (await (await cli.deps()).users.findByUsername(username))._unsafeUnwrap();
  }

  async function expectSoundBooks() {
    const check = testContext({ DATABASE_URL: target.url, DB_POOL_MAX: '2' });
    try {
      expect(await integrityCheckCommand.run(check.context, {})).toBe(0);
    } finally {
      await check.close();
    }
  }

  it('create-user makes a REGULAR user whose one-time password works and must be changed', async () => {
    expect(await run(createUserCommand, { username: 'alice' })).toBe(0);
    const password = cli.out.find((line) => line.startsWith('One-time password: '))?.slice('One-time password: '.length);
    expect(password).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(await user('alice')).toMatchObject({ role: 'REGULAR', mustChangePassword: true, accountBalance: 0 });
    const deps = await cli.deps();
    expect((await makeLogin(deps)({ username: 'alice', password: password! })).isOk()).toBe(true);
    // The password appears in the report only, never in a log line.
    expect(JSON.stringify(cli.logger.lines)).not.toContain(password);
  });

  it('create-user fails on a taken or malformed username and without --username', async () => {
    await run(createUserCommand, { username: 'alice' });
    await expect(run(createUserCommand, { username: 'alice' })).rejects.toThrow(/VALIDATION_FAILED.*username/);
    await expect(run(createUserCommand, { username: 'Bad Name!' })).rejects.toThrow(CommandFailure);
    await expect(run(createUserCommand, {})).rejects.toThrow(UsageError);
  });

  it('reset-password replaces the password, supersedes old tokens and forces a change', async () => {
    await run(createUserCommand, { username: 'bob' });
    const before = await user('bob');
    expect(await run(resetPasswordCommand, { username: 'bob' })).toBe(0);
    const password = cli.out.at(-1)?.replace('One-time password: ', '');
    const after = await user('bob');
    expect(after).toMatchObject({ mustChangePassword: true, passwordVersion: before!.passwordVersion + 1 });
    expect((await makeLogin(await cli.deps())({ username: 'bob', password: password! })).isOk()).toBe(true);
    await expect(run(resetPasswordCommand, { username: 'nobody' })).rejects.toThrow(/USER_NOT_FOUND/);
  });

  it('set-role promotes to an active moderator and back; unknown users and roles fail', async () => {
    await run(createUserCommand, { username: 'carol' });
    expect(await run(setRoleCommand, { username: 'carol', role: 'moderator' })).toBe(0);
    expect(await user('carol')).toMatchObject({ role: 'MODERATOR', moderatorStatus: 'active' });
    expect(await run(setRoleCommand, { username: 'carol', role: 'REGULAR' })).toBe(0);
    expect(await user('carol')).toMatchObject({ role: 'REGULAR', moderatorStatus: 'none' });
    await expect(run(setRoleCommand, { username: 'carol', role: 'OWNER' })).rejects.toThrow(UsageError);
    await expect(run(setRoleCommand, { username: 'nobody', role: 'ADMIN' })).rejects.toThrow(/USER_NOT_FOUND/);
  });

  it('set-role suspends and reinstates a moderator, refuses it for anyone else, and takes one change at a time', async () => {
    await run(createUserCommand, { username: 'cora' });
    await expect(run(setRoleCommand, { username: 'cora', suspend: true, reason: 'spam' })).rejects.toThrow(/INVALID_STATE/);
    await run(setRoleCommand, { username: 'cora', role: 'MODERATOR' });
    expect(await run(setRoleCommand, { username: 'cora', suspend: true, reason: 'approved spam' })).toBe(0);
    expect(cli.out.at(-1)).toBe('cora is now MODERATOR (moderator status suspended: approved spam).');
    expect(await user('cora')).toMatchObject({
      role: 'MODERATOR',
      moderatorStatus: 'suspended',
      moderatorSuspensionReason: 'approved spam',
      moderatorSuspendedBy: 'cli',
      moderatorSuspendedAt: expect.any(Number),
    });
    expect(await run(setRoleCommand, { username: 'cora', unsuspend: true, reason: 'served the time' })).toBe(0);
    expect(await user('cora')).toMatchObject({ role: 'MODERATOR', moderatorStatus: 'active', moderatorSuspensionReason: null, moderatorSuspendedAt: null });
    await expect(run(setRoleCommand, { username: 'cora', role: 'ADMIN', suspend: true })).rejects.toThrow(UsageError);
    await expect(run(setRoleCommand, { username: 'cora' })).rejects.toThrow(UsageError);
    // A suspension needs its reason, before anything is opened or written.
    await expect(run(setRoleCommand, { username: 'cora', suspend: true })).rejects.toThrow(/--reason/);
    await expect(run(setRoleCommand, { username: 'cora', suspend: true, reason: 'x'.repeat(501) })).rejects.toThrow(/VALIDATION_FAILED.*reason/);
    expect(await user('cora')).toMatchObject({ moderatorStatus: 'active' });
    // Each reason given is on its audit row.
    expect(await run(auditCommand, { action: 'setRole', target: 'cora', limit: '3' })).toBe(0);
    const rows = cli.out.slice(-3).map((line) => JSON.parse(line) as { outcome: string; inputs: { change: string; reason: string | null } });
    expect(rows.map((row) => [row.outcome, row.inputs.change, row.inputs.reason])).toEqual([
      ['VALIDATION_FAILED', 'suspend', 'x'.repeat(501)],
      ['ok', 'unsuspend', 'served the time'],
      ['ok', 'suspend', 'approved spam'],
    ]);
  });

  it('list-users prints AdminUser lines in username order, filtered and paged strictly, then the total', async () => {
    for (const name of ['gina', 'hugo', 'ivan']) await run(createUserCommand, { username: name });
    await run(setRoleCommand, { username: 'hugo', role: 'MODERATOR' });
    const listed = async (options: OptionValues) => {
      cli.out.length = 0;
      expect(await run(listUsersCommand, options)).toBe(0);
      const summary = cli.out.pop();
      return { users: cli.out.map((line) => JSON.parse(line) as Record<string, unknown>), summary };
    };
    const all = await listed({});
    expect(all.users.map((row) => row.username)).toEqual(['gina', 'hugo', 'ivan']);
    expect(all.summary).toBe('3 shown of 3 matching (offset 0).');
    expect(all.users[1]).toMatchObject({ usertype: 'MODERATOR', moderatorStatus: 'active', moderatorSuspensionReason: null, mustChangePassword: true });
    expect(Object.keys(all.users[0] ?? {})).not.toContain('passwordHash');
    expect((await listed({ usertype: 'regular' })).users.map((row) => row.username)).toEqual(['gina', 'ivan']);
    expect((await listed({ query: 'IV' })).users.map((row) => row.username)).toEqual(['ivan']);
    expect(await listed({ limit: '1', offset: '1' })).toMatchObject({ users: [{ username: 'hugo' }], summary: '1 shown of 3 matching (offset 1).' });

    await expect(run(listUsersCommand, { limit: '251' })).rejects.toThrow(/VALIDATION_FAILED.*limit/);
    await expect(run(listUsersCommand, { offset: '100001' })).rejects.toThrow(/VALIDATION_FAILED.*offset/);
    await expect(run(listUsersCommand, { limit: '-1' })).rejects.toThrow(UsageError);
    await expect(run(listUsersCommand, { usertype: 'OWNER' })).rejects.toThrow(UsageError);
  });

  it('grant-credits posts an ADMIN_GRANT through the ledger, both ways, and the books stay sound', async () => {
    await run(createUserCommand, { username: 'dave' });
    expect(await run(grantCreditsCommand, { username: 'dave', amount: '250' })).toBe(0);
    expect(await run(grantCreditsCommand, { username: 'dave', amount: '-50' })).toBe(0);
    expect((await user('dave'))?.accountBalance).toBe(200);
    expect(cli.out.at(-1)).toBe('Took back 50 credits from dave; balance now 200.');
    const sums = (await (await cli.deps()).ledger.sumsByKind())._unsafeUnwrap();
    expect(sums.ADMIN_GRANT).toBe(300);
    await expectSoundBooks();

    await expect(run(grantCreditsCommand, { username: 'dave', amount: '0' })).rejects.toThrow(UsageError);
    await expect(run(grantCreditsCommand, { username: 'dave', amount: '1.5' })).rejects.toThrow(UsageError);
    await expect(run(grantCreditsCommand, { username: 'nobody', amount: '5' })).rejects.toThrow(/USER_NOT_FOUND/);
  });

  it('resolve-market settles a market in place of its steward and pays out through the ledger', async () => {
    for (const name of ['erin', 'frank']) await run(createUserCommand, { username: name });
    await run(grantCreditsCommand, { username: 'erin', amount: '100' });
    await run(grantCreditsCommand, { username: 'frank', amount: '100' });
    const deps = await cli.deps();
    const market = (
      await makeCreateMarket(deps)({
        username: 'erin',
        questionTitle: 'Will the drill pass?',
        description: '',
        resolutionDateTime: Date.now() + 48 * 3600_000,
      })
    )._unsafeUnwrap();
    (await makePlaceBet(deps)({ username: 'frank', marketId: market.id, outcome: 'YES', amount: 20 }))._unsafeUnwrap();

    expect(await run(resolveMarketCommand, { market: String(market.id), result: 'yes' })).toBe(0);
    expect(cli.out.at(-1)).toMatch(new RegExp(`^Market ${market.id} resolved YES by the operator \\(steward erin\\): 1 payout\\(s\\)`));
    expect((await deps.markets.findById(market.id))._unsafeUnwrap()).toMatchObject({ lifecycleStatus: 'resolved', resolutionResult: 'YES' });
    await expectSoundBooks();

    await expect(run(resolveMarketCommand, { market: String(market.id), result: 'NO' })).rejects.toThrow(/ALREADY_RESOLVED/);
    await expect(run(resolveMarketCommand, { market: '999999', result: 'NO' })).rejects.toThrow(/MARKET_NOT_FOUND/);
    await expect(run(resolveMarketCommand, { market: String(market.id), result: 'MAYBE' })).rejects.toThrow(UsageError);
  });

  it('create-user, grant-credits and resolve-market mark the global read-model snapshots stale (docs/api.md#read-model-freshness)', async () => {
    const runtime = await cli.context.runtime();
    const { snapshots } = drizzleJobRepositories(runtime.database);
    for (const kind of GLOBAL_READ_MODELS) (await snapshots.save(kind, {}, Date.now() - 60_000))._unsafeUnwrap();
    const stale = async () => {
      const marked = [];
      for (const kind of GLOBAL_READ_MODELS) if ((await snapshots.load(kind))._unsafeUnwrap()?.staleSince !== null) marked.push(kind);
      return marked;
    };
    for (const name of ['gina', 'hank']) await run(createUserCommand, { username: name });
    expect(await stale()).toEqual(['system_metrics']);
    await run(grantCreditsCommand, { username: 'hank', amount: '100' });
    expect(await stale()).toEqual(['system_metrics']);

    const deps = await cli.deps();
    const market = (
      await makeCreateMarket(deps)({ username: 'gina', questionTitle: 'Will it settle?', description: '', resolutionDateTime: Date.now() + 48 * 3600_000 })
    )._unsafeUnwrap();
    (await makePlaceBet(deps)({ username: 'hank', marketId: market.id, outcome: 'NO', amount: 20 }))._unsafeUnwrap();
    await run(resolveMarketCommand, { market: String(market.id), result: 'NO' });
    expect(await stale()).toEqual(['global_leaderboard', 'system_metrics']);
  });

  it('resolve-market requests the read-model refresh and notifies the holders, as a resolution over HTTP does', async () => {
    for (const name of ['ivy', 'jack']) await run(createUserCommand, { username: name });
    await run(grantCreditsCommand, { username: 'jack', amount: '100' });
    const deps = await cli.deps();
    const market = (
      await makeCreateMarket(deps)({ username: 'ivy', questionTitle: 'Will it notify?', description: '', resolutionDateTime: Date.now() + 48 * 3600_000 })
    )._unsafeUnwrap();
    (await makePlaceBet(deps)({ username: 'jack', marketId: market.id, outcome: 'YES', amount: 20 }))._unsafeUnwrap();

    // A command of its own, as every CLI invocation is: no earlier command's refresh request stands for this write.
    const resolving = testContext({ DATABASE_URL: target.url, DB_POOL_MAX: '2' });
    try {
      expect(await resolveMarketCommand.run(resolving.context, { market: String(market.id), result: 'YES' })).toBe(0);
      expect(resolving.jobs.sent).toEqual(['readmodel.refresh', `market.notify {"marketId":${market.id}}`]);
    } finally {
      await resolving.close();
    }
  });

  it('grant-credits reports a committed grant as done when its follow-ups fail, with a warning', async () => {
    const failing = testContext({ DATABASE_URL: target.url, DB_POOL_MAX: '2' }, {}, { failingJobs: true });
    try {
      await createUserCommand.run(failing.context, { username: 'kim' });
      expect(await grantCreditsCommand.run(failing.context, { username: 'kim', amount: '75' })).toBe(0);
      expect(failing.out.at(-1)).toBe('Granted 75 credits to kim; balance now 75.');
      expect(failing.jobs.sent.at(-1)).toBe('readmodel.refresh');
      // The refresh request is sent without waiting; its failure is logged once it settles.
      await new Promise((resolve) => setTimeout(resolve, 10));
      const warnings = failing.logger.lines.filter((line) => line.level === 'warn' && line.fields.event === 'write.follow_up_failed');
      expect(warnings.map((line) => line.fields.useCase)).toEqual(['registerUser', 'grantCredits']);
      expect((await (await failing.deps()).users.findByUsername('kim'))._unsafeUnwrap()?.accountBalance).toBe(75);
    } finally {
      await failing.close();
    }
  });

  it('integrity-check reports sound books, then exit 2 and the finding once a balance is corrupted', async () => {
    await run(createUserCommand, { username: 'gina' });
    await run(grantCreditsCommand, { username: 'gina', amount: '40' });
    expect(await run(integrityCheckCommand, {})).toBe(0);
    expect(cli.out.at(-1)).toMatch(/^Ledger integrity: OK/);

    const session = await (await cli.context.database()).reserve();
    try {
      await session.query(`UPDATE users SET account_balance = 7 WHERE username = 'gina'`);
    } finally {
      await session.release();
    }
    const failure = await run(integrityCheckCommand, {}).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CommandFailure);
    expect((failure as CommandFailure).exitCode).toBe(INTEGRITY_VIOLATIONS_EXIT);
    expect(JSON.parse(cli.out.at(-1)!)).toMatchObject({ kind: 'STORED_BALANCE_MISMATCH', account: 'user:gina', stored: 7, replayed: 40 });
    expect(cli.logger.lines.filter((line) => line.fields.event === 'ledger.integrity_violation' && line.level === 'error')).toHaveLength(1);
  });

  it('audit prints the operator\'s writes, committed and refused, newest first, filtered and limited', async () => {
    await run(createUserCommand, { username: 'erin' });
    await run(grantCreditsCommand, { username: 'erin', amount: '25' });
    await expect(run(grantCreditsCommand, { username: 'nobody', amount: '5' })).rejects.toThrow(/USER_NOT_FOUND/);
    const printed = cli.out.length;
    expect(await run(auditCommand, {})).toBe(0);
    const rows = cli.out.slice(printed).map((line) => JSON.parse(line) as { actor: string; action: string; target: string; outcome: string });
    expect(rows.map((row) => [row.action, row.target, row.outcome])).toEqual([
      ['grantCredits', 'nobody', 'USER_NOT_FOUND'],
      ['grantCredits', 'erin', 'ok'],
      ['registerUser', 'erin', 'ok'],
    ]);
    expect(rows.every((row) => row.actor.startsWith('cli:'))).toBe(true);
    const before = cli.out.length;
    await run(auditCommand, { action: 'grantCredits', target: 'erin', limit: '5' });
    expect(cli.out.slice(before).map((line) => (JSON.parse(line) as { outcome: string }).outcome)).toEqual(['ok']);
    await expect(run(auditCommand, { limit: '0' })).rejects.toThrow(UsageError);
  });
});
