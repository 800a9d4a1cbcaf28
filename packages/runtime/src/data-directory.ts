// Development conveniences kept beside an embedded database on disk, readable by the owner only: the generated JWT
// signing key (so restarts keep sessions, CFG-5) and the seeded admin's generated password.
import { randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatabaseConfig } from '@socialpredict/config';
import { isOnDisk } from '@socialpredict/persistence';

export const SIGNING_KEY_FILE = 'jwt-signing.key';
export const ADMIN_PASSWORD_FILE = 'initial-admin-password';

/** The PGlite data directory on disk, or undefined on PostgreSQL and `memory://`. */
export function dataDirectoryOf(database: Pick<DatabaseConfig, 'url' | 'pgliteDataDir'>): string | undefined {
  return database.url === undefined && isOnDisk(database.pgliteDataDir) ? database.pgliteDataDir : undefined;
}

/** The signing key stored in `directory`, created on first use. Only the lock holder calls this, so no two race. */
export async function keptSigningKey(directory: string): Promise<{ key: string; path: string; created: boolean }> {
  const path = join(directory, SIGNING_KEY_FILE);
  const existing = await readFile(path, 'utf8').then(
    (text) => text.trim(),
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    },
  );
  if (existing !== undefined && existing !== '') return { key: existing, path, created: false };
  const key = randomBytes(32).toString('base64url');
  await writePrivate(path, key);
  return { key, path, created: true };
}

export async function writeAdminPassword(directory: string, password: string): Promise<string> {
  const path = join(directory, ADMIN_PASSWORD_FILE);
  await writePrivate(path, password);
  return path;
}

/** A fresh file, so the 0600 mode applies even where an older file with wider permissions stood. */
async function writePrivate(path: string, secret: string): Promise<void> {
  await rm(path, { force: true });
  await writeFile(path, `${secret}\n`, { mode: 0o600, flag: 'wx' });
}
