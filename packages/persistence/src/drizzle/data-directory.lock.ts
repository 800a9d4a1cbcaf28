// DB-2: an embedded PGlite database belongs to one process. Two processes that open one data directory each work on
// their own copy in memory and overwrite each other's files: a CLI write the running server never sees, gone after
// its next checkpoint. So the process that opens the directory first holds a lock file there until it closes it, and
// every other one is refused, with the holder named, before it touches the database.
import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const LOCK_FILE_NAME = 'socialpredict.lock';

/** What the lock file records about its holder. */
export interface LockHolder {
  pid: number;
  /** how the holder was started, e.g. `pnpm start` */
  command: string;
  /** RFC 3339 */
  startedAt: string;
  host: string;
}

export class DataDirectoryLocked extends Error {
  readonly holder: LockHolder;
  readonly lockFile: string;
  constructor(directory: string, holder: LockHolder, lockFile: string) {
    const where = holder.host === hostname() ? '' : ` on ${holder.host}`;
    super(`the embedded database ${directory} is in use by \`${holder.command}\` (pid ${holder.pid}${where}) since ${holder.startedAt}`);
    this.name = 'DataDirectoryLocked';
    this.holder = holder;
    this.lockFile = lockFile;
  }
}

export interface DataDirectoryLock {
  release(): Promise<void>;
}

/** A takeover guard older than this was left by a process that died inside it. */
const STALE_GUARD_MS = 10_000;

/**
 * Takes the lock of `directory` for this process, or throws DataDirectoryLocked naming the live holder. A lock whose
 * holder died (same host, pid gone) is taken over. The lock file appears whole or not at all: it is written under a
 * private name and then hard-linked into place, which fails when the name exists (O_EXCL semantics).
 */
export async function lockDataDirectory(directory: string, command: string): Promise<DataDirectoryLock> {
  const lockFile = join(directory, LOCK_FILE_NAME);
  const mine: LockHolder = { pid: process.pid, command, startedAt: new Date().toISOString(), host: hostname() };
  const text = `${JSON.stringify(mine)}\n`;
  const draft = `${lockFile}.${randomUUID()}`;
  await writeFile(draft, text, { mode: 0o600 });
  try {
    // Each failed round removed a stale lock or lost a race for one; a few rounds settle any contention.
    for (let round = 0; round < 5; round += 1) {
      try {
        await link(draft, lockFile);
        return { release: () => releaseIfMine(lockFile, text) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const seen = await readFile(lockFile, 'utf8').catch(() => undefined);
      if (seen === undefined) continue;
      const holder = parseHolder(seen);
      if (holder !== undefined && isAlive(holder)) throw new DataDirectoryLocked(directory, holder, lockFile);
      await removeStale(lockFile, seen);
    }
    throw new Error(`could not take the lock ${lockFile}: other processes keep racing for it`);
  } finally {
    await unlink(draft).catch(() => undefined);
  }
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid !== 'number' || typeof value.command !== 'string' || typeof value.startedAt !== 'string' || typeof value.host !== 'string') {
      return undefined;
    }
    return value as LockHolder;
  } catch {
    return undefined;
  }
}

/** A holder on another host cannot be checked, so it counts as alive; signal 0 tests a local pid without touching it. */
function isAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the pid exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the stale lock `seen`, unless it changed meanwhile. Two processes that both found it stale must not
 * remove each other's fresh lock, so removal happens under a guard directory (mkdir is atomic) and re-reads first.
 */
async function removeStale(lockFile: string, seen: string): Promise<void> {
  const guard = `${lockFile}.takeover`;
  try {
    await mkdir(guard);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const age = Date.now() - (await stat(guard).then((info) => info.mtimeMs, () => Date.now()));
    if (age > STALE_GUARD_MS) await rm(guard, { recursive: true, force: true });
    else await new Promise((resolve) => setTimeout(resolve, 50));
    return;
  }
  try {
    if ((await readFile(lockFile, 'utf8').catch(() => undefined)) === seen) await unlink(lockFile);
  } finally {
    await rm(guard, { recursive: true, force: true });
  }
}

async function releaseIfMine(lockFile: string, mine: string): Promise<void> {
  // A lock that is no longer ours (removed by hand and taken by another process) is left to its holder.
  if ((await readFile(lockFile, 'utf8').catch(() => undefined)) === mine) await unlink(lockFile);
}
