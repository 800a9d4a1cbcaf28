// The proposal-review commands on PostgreSQL in moderator mode (docs/operations.md): list, approve, reject with the
// refund, their failures, and sound books after each.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeCreateMarket } from '@socialpredict/domain';
import { UsageError, type CommandDefinition, type OptionValues } from '../src/command.ts';
import { createUserCommand } from '../src/commands/create-user/create-user.command.ts';
import { integrityCheckCommand } from '../src/commands/integrity-check/integrity-check.command.ts';
import { approveMarketCommand, proposalsCommand, rejectMarketCommand } from '../src/commands/proposals/proposals.command.ts';
import { setRoleCommand } from '../src/commands/set-role/set-role.command.ts';
import { testContext, type TestContext } from './support/command-context.ts';
import { createTestDatabase, type TestDatabase } from './support/postgres.harness.ts';

describe('proposal commands on PostgreSQL', () => {
  let target: TestDatabase;
  let cli: TestContext;

  beforeEach(async () => {
    target = await createTestDatabase();
    cli = testContext({ DATABASE_URL: target.url, DB_POOL_MAX: '4', GAME_MODE: 'moderator' });
  });

  afterEach(async () => {
    await cli.close();
    await target.drop();
  });

  const run = (command: CommandDefinition, options: OptionValues) => command.run(cli.context, options);

  it('lists proposals, approves one, rejects another with a refund, and refuses what is not proposed', async () => {
    await run(createUserCommand, { username: 'mod' });
    await run(setRoleCommand, { username: 'mod', role: 'MODERATOR' });
    const deps = await cli.deps();
    const propose = async (questionTitle: string) =>
      (await makeCreateMarket(deps)({ username: 'mod', questionTitle, description: '', resolutionDateTime: Date.now() + 48 * 3600_000 }))._unsafeUnwrap();
    const [first, second] = [await propose('First'), await propose('Second')];
    expect(first.lifecycleStatus).toBe('proposed');

    expect(await run(proposalsCommand, {})).toBe(0);
    expect(cli.out.at(-1)).toBe('2 of 2 proposed market(s).');
    expect(await run(approveMarketCommand, { market: String(first.id) })).toBe(0);
    expect((await deps.markets.findById(first.id))._unsafeUnwrap()).toMatchObject({ lifecycleStatus: 'published', approvedBy: 'cli' });
    expect(await run(rejectMarketCommand, { market: String(second.id), reason: 'Duplicate' })).toBe(0);
    expect(cli.out.at(-1)).toBe(`Market ${String(second.id)} rejected; mod refunded 10 credits.`);
    expect((await deps.users.findByUsername('mod'))._unsafeUnwrap()?.accountBalance).toBe(-10);
    expect(await run(proposalsCommand, { status: 'all' })).toBe(0);
    expect(cli.out.at(-1)).toBe('2 of 2 all market(s).');

    await expect(run(approveMarketCommand, { market: String(second.id) })).rejects.toThrow(/INVALID_STATE/);
    await expect(run(rejectMarketCommand, { market: '999999', reason: 'x' })).rejects.toThrow(/MARKET_NOT_FOUND/);
    await expect(run(rejectMarketCommand, { market: String(first.id) })).rejects.toThrow(UsageError);
    await expect(run(proposalsCommand, { status: 'pending' })).rejects.toThrow(UsageError);
    const check = testContext({ DATABASE_URL: target.url, DB_POOL_MAX: '2' });
    try {
      expect(await integrityCheckCommand.run(check.context, {})).toBe(0);
    } finally {
      await check.close();
    }
  });
});
