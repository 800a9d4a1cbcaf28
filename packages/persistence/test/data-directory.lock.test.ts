// DB-2: the lock of an embedded data directory: taken whole, refused while its holder lives (in this process too),
// taken over from a dead holder, released on close, and never released for someone else.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirectoryLocked, LOCK_FILE_NAME, lockDataDirectory } from '../src/drizzle/data-directory.lock.ts';
import { openDatabase } from '../src/drizzle/database.factory.ts';
import { testDatabaseSettings } from './support/database.settings.ts';

/** A pid that certainly ran and ended: a child that exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('the data directory lock', () => {
  let directory: string;
  let lockFile: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'sp-lock-'));
    lockFile = join(directory, LOCK_FILE_NAME);
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('records pid, command, start time and host, readable by the owner only, and removes it on release', async () => {
    const lock = await lockDataDirectory(directory, 'pnpm start');
    expect(JSON.parse(await readFile(lockFile, 'utf8'))).toEqual({ pid: process.pid, command: 'pnpm start', startedAt: expect.any(String), host: hostname() });
    expect((await stat(lockFile)).mode & 0o777).toBe(0o600);
    await lock.release();
    expect(existsSync(lockFile)).toBe(false);
  });

  it('refuses while the holder lives, naming it, and leaves its lock alone', async () => {
    const lock = await lockDataDirectory(directory, 'pnpm start');
    const held = await lockDataDirectory(directory, 'pnpm cli create-user').catch((error: unknown) => error);
    expect(held).toBeInstanceOf(DataDirectoryLocked);
    expect((held as DataDirectoryLocked).message).toMatch(new RegExp(`is in use by \`pnpm start\` \\(pid ${process.pid}\\) since \\d{4}-`));
    expect((held as DataDirectoryLocked).lockFile).toBe(lockFile);
    expect(JSON.parse(await readFile(lockFile, 'utf8'))).toMatchObject({ command: 'pnpm start' });
    await lock.release();
  });

  it('takes over the lock of a holder that died, and of an unreadable one', async () => {
    for (const stale of [JSON.stringify({ pid: deadPid(), command: 'pnpm start', startedAt: '2020-01-01T00:00:00.000Z', host: hostname() }), '']) {
      await writeFile(lockFile, stale);
      const lock = await lockDataDirectory(directory, 'pnpm cli migrate');
      expect(JSON.parse(await readFile(lockFile, 'utf8'))).toMatchObject({ pid: process.pid, command: 'pnpm cli migrate' });
      await lock.release();
    }
  });

  it('counts a holder on another host as alive', async () => {
    await writeFile(lockFile, JSON.stringify({ pid: deadPid(), command: 'pnpm start', startedAt: '2020-01-01T00:00:00.000Z', host: 'elsewhere' }));
    await expect(lockDataDirectory(directory, 'pnpm start')).rejects.toThrow(/pnpm start.*on elsewhere/);
  });

  it('does not release a lock that another process took after this one was removed by hand', async () => {
    const lock = await lockDataDirectory(directory, 'pnpm start');
    const other = JSON.stringify({ pid: 1, command: 'pnpm start', startedAt: '2020-01-01T00:00:00.000Z', host: hostname() });
    await writeFile(lockFile, other);
    await lock.release();
    expect(await readFile(lockFile, 'utf8')).toBe(other);
  });

  it('is taken by openDatabase before PGlite opens and given back by close; a second open is refused meanwhile', async () => {
    const settings = testDatabaseSettings(undefined, { pgliteDataDir: directory });
    const first = await openDatabase(settings, undefined, 'pnpm start');
    await expect(openDatabase(settings, undefined, 'pnpm cli integrity-check')).rejects.toBeInstanceOf(DataDirectoryLocked);
    await first.close();
    expect(existsSync(lockFile)).toBe(false);
    const second = await openDatabase(settings, undefined, 'pnpm cli integrity-check');
    await second.close();
  });
});
