// The tag commands (docs/api.md#market-tags) on PostgreSQL, in-process: create, list, update, deactivate, and the
// refusals (usage errors, a taken slug).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CommandFailure, UsageError, type CommandDefinition, type OptionValues } from '../src/command.ts';
import {
  tagsCreateCommand,
  tagsDeactivateCommand,
  tagsListCommand,
  tagsUpdateCommand,
} from '../src/commands/market-tags/market-tags.command.ts';
import { testContext, type TestContext } from './support/command-context.ts';
import { createTestDatabase, type TestDatabase } from './support/postgres.harness.ts';

describe('tag commands on PostgreSQL', () => {
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

  it('creates, lists, updates and deactivates tags', async () => {
    expect(await run(tagsCreateCommand, { slug: 'weather', 'display-name': 'Weather', 'sort-order': '2' })).toBe(0);
    expect(await run(tagsCreateCommand, { slug: 'sports', 'display-name': 'Sports', 'color-key': 'green' })).toBe(0);
    cli.out.length = 0;
    expect(await run(tagsListCommand, {})).toBe(0);
    expect(cli.out.map((line) => line.split('\t')[0])).toEqual(['sports', 'weather']);
    expect(await run(tagsUpdateCommand, { slug: 'weather', 'display-name': 'Skies' })).toBe(0);
    expect(await run(tagsDeactivateCommand, { slug: 'sports' })).toBe(0);
    cli.out.length = 0;
    await run(tagsListCommand, {});
    expect(cli.out).toEqual(['weather\tSkies\tsortOrder=2\tactive']);
    cli.out.length = 0;
    await run(tagsListCommand, { all: true });
    expect(cli.out).toEqual(['sports\tSports\tsortOrder=0\tinactive', 'weather\tSkies\tsortOrder=2\tactive']);
  });

  it('refuses missing options, a bad sort order and a taken slug', async () => {
    await expect(run(tagsCreateCommand, { slug: 'weather' })).rejects.toThrow(UsageError);
    await expect(run(tagsCreateCommand, { slug: 'weather', 'display-name': 'W', 'sort-order': '1.5' })).rejects.toThrow(UsageError);
    await expect(run(tagsUpdateCommand, { slug: 'weather' })).rejects.toThrow(UsageError);
    expect(await run(tagsCreateCommand, { slug: 'weather', 'display-name': 'Weather' })).toBe(0);
    await expect(run(tagsCreateCommand, { slug: 'weather', 'display-name': 'Again' })).rejects.toThrow(CommandFailure);
    await expect(run(tagsDeactivateCommand, { slug: 'nothing' })).rejects.toThrow(CommandFailure);
  });
});
