// Databases of the harness's own on the given server: created fresh for a run, dropped afterwards.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';

export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function createDatabase(serverUrl: string, prefix: string): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => undefined });
  try {
    await admin`CREATE DATABASE ${admin(name)}`;
  } finally {
    await admin.end();
  }
  return {
    url: databaseUrl(serverUrl, name),
    name,
    drop: async () => {
      const dropper = postgres(serverUrl, { max: 1, onnotice: () => undefined });
      try {
        await dropper`DROP DATABASE IF EXISTS ${dropper(name)} WITH (FORCE)`;
      } finally {
        await dropper.end();
      }
    },
  };
}

export async function withScratchDatabase<T>(serverUrl: string, prefix: string, work: (url: string) => Promise<T>): Promise<T> {
  const database = await createDatabase(serverUrl, prefix);
  try {
    return await work(database.url);
  } finally {
    await database.drop();
  }
}

/** pg_database_size of the database behind `url`, in bytes. */
export async function databaseSize(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    const [row] = await sql<{ size: string }[]>`SELECT pg_database_size(current_database())::text AS size`;
    return Number(row?.size ?? 0);
  } finally {
    await sql.end();
  }
}
