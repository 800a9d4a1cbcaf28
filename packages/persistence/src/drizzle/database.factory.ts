// The two drivers behind the Drizzle adapters (DB-1, DB-2): a postgres.js pool when a URL is configured, embedded
// PGlite otherwise. Both expose the same Drizzle database and the same dedicated-session API for the migrator.
import { mkdir } from 'node:fs/promises';
import { PGlite, type Transaction as PgliteTransaction } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type { ResultAsync } from 'neverthrow';
import postgres, { type Options, type PostgresType, type ReservedSql } from 'postgres';
import type { InfrastructureError } from '@socialpredict/domain';
import { lockDataDirectory, type DataDirectoryLock } from './data-directory.lock.ts';
import { dbOperation } from './drizzle-operation.ts';
import type { AppDatabase } from './app-database.ts';
import { OperationScope, PoolUsage, UNOBSERVED, type DatabaseObserver, type PoolFigures } from './operation.monitor.ts';
import { schema } from './schema.ts';
import { pgliteTransactions, postgresTransactions, type TransactionRunner } from './transaction-runner.ts';

/** The database slice of the configuration (structurally the config package's DatabaseConfig). */
export interface DatabaseSettings {
  /** unset → embedded PGlite in `pgliteDataDir` (`memory://` keeps it in memory) */
  url: string | undefined;
  pgliteDataDir: string;
  poolMax: number;
  idleTimeoutSeconds: number;
  maxLifetimeSeconds: number;
  connectTimeoutSeconds: number;
  statementTimeoutMs: number;
  lockTimeoutMs: number;
  /** DB-9: operations taking at least this long are reported to the observer as slow */
  slowQueryMs: number;
  requireTls: boolean;
}

export type { AppDatabase, AppTransaction, Executor } from './app-database.ts';

/** Runs SQL text on one connection: parameterised queries, or a trusted script (a migration file). */
export interface SqlRunner {
  query<Row extends Record<string, unknown>>(text: string, params?: readonly (string | number)[]): Promise<Row[]>;
  script(text: string): Promise<void>;
}

/** One connection held until released, so session state (an advisory lock, SET) stays with its owner. */
export interface DedicatedSession extends SqlRunner {
  transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T>;
  release(): Promise<void>;
}

export interface Database {
  readonly driver: 'postgres' | 'pglite';
  readonly db: AppDatabase;
  /** the units of work's transactions */
  readonly transaction: TransactionRunner;
  /** The embedded client on PGlite, for pg-boss to share its one connection (JOB-2); absent on PostgreSQL. */
  readonly pgliteClient?: PGlite;
  /** Where the adapters run their operations on this database (timing, slow-query reports, pool figures). */
  readonly scope: OperationScope;
  /** MON-3 pool figures, as far as the adapters can tell (see PoolFigures). */
  poolFigures(): PoolFigures;
  /** `SELECT 1` through the pool: the start-up wait for the database (DB-4). */
  ping(): ResultAsync<void, InfrastructureError>;
  /**
   * DB-10's readiness `SELECT 1`, on PostgreSQL over a connection of its own outside the pool, so it never queues
   * behind the pool's work; rejects when `signal` aborts first, and then (or after any failure) that connection is
   * dropped, so the next ping starts on a fresh one.
   */
  readinessPing(signal: AbortSignal): Promise<void>;
  reserve(): Promise<DedicatedSession>;
  close(): Promise<void>;
}

/**
 * DB-1: pool size and timeouts from the configuration; statement and lock timeouts are startup parameters of every
 * connection, so they hold inside transactions too. With TLS required, `sslmode=require` in the URL is honoured
 * (encryption without certificate checks), anything else means verify-full; without it the URL decides.
 */
export function postgresOptions(settings: DatabaseSettings): Options<Record<string, PostgresType>> {
  const options: Options<Record<string, PostgresType>> = {
    max: settings.poolMax,
    idle_timeout: settings.idleTimeoutSeconds,
    max_lifetime: settings.maxLifetimeSeconds,
    connect_timeout: settings.connectTimeoutSeconds,
    connection: {
      application_name: 'socialpredict',
      statement_timeout: settings.statementTimeoutMs,
      lock_timeout: settings.lockTimeoutMs,
    },
    // Notices (e.g. "schema already exists, skipping") are not errors; postgres.js would print them.
    onnotice: () => undefined,
  };
  if (settings.requireTls) {
    const sslmode = settings.url === undefined ? null : new URL(settings.url).searchParams.get('sslmode');
    options.ssl = sslmode === 'require' ? 'require' : 'verify-full';
  }
  return options;
}

function postgresRunner(sql: ReservedSql): SqlRunner {
  return {
    query: async <Row extends Record<string, unknown>>(text: string, params: readonly (string | number)[] = []) =>
      (await sql.unsafe(text, [...params])) as unknown as Row[],
    script: async (text) => {
      await sql.unsafe(text);
    },
  };
}

async function reservePostgres(client: postgres.Sql): Promise<DedicatedSession> {
  const reserved = await client.reserve();
  const runner = postgresRunner(reserved);
  return {
    ...runner,
    // The connection is ours alone, so plain BEGIN/COMMIT statements delimit the transaction.
    transaction: async (work) => {
      await reserved.unsafe('BEGIN');
      try {
        const result = await work(runner);
        await reserved.unsafe('COMMIT');
        return result;
      } catch (error) {
        await reserved.unsafe('ROLLBACK').catch(() => undefined);
        throw error;
      }
    },
    release: async () => reserved.release(),
  };
}

function pgliteRunner(client: PGlite | PgliteTransaction): SqlRunner {
  return {
    query: async <Row extends Record<string, unknown>>(text: string, params: readonly (string | number)[] = []) =>
      (await client.query<Row>(text, [...params])).rows,
    script: async (text) => {
      await client.exec(text);
    },
  };
}

/**
 * Drizzle asks postgres.js for unprepared statements, which postgres.js sends only after a Describe round trip of
 * its own; prepared ones skip it from the second use on each connection (the statement texts are the code's own,
 * so the cache per connection stays small).
 */
function preparingClient(client: postgres.Sql): postgres.Sql {
  const unsafe: postgres.Sql['unsafe'] = (text, params, options) => client.unsafe(text, params, { ...options, prepare: true });
  return new Proxy(client, { get: (target, key, receiver) => (key === 'unsafe' ? unsafe : Reflect.get(target, key, receiver)) });
}

/** Rejects with the signal's reason once it aborts. */
function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/**
 * The readiness pinger: one connection beside the pool. A pooled ping waits for a free connection, which under load
 * can take longer than the readiness timeout, and a claim queued while the database was away may never settle; a
 * connection of its own answers as soon as the server does, and one that did not answer in time is discarded rather
 * than waited on.
 */
function postgresPinger(url: string, settings: DatabaseSettings) {
  let client: postgres.Sql | undefined;
  const discard = (dropped: postgres.Sql) => {
    if (client === dropped) client = undefined;
    void dropped.end({ timeout: 0 }).catch(() => undefined);
  };
  return {
    ping: async (signal: AbortSignal) => {
      client ??= postgres(url, { ...postgresOptions(settings), max: 1 });
      const current = client;
      const query = current`SELECT 1`.execute();
      try {
        await Promise.race([query, aborted(signal)]);
      } catch (error) {
        query.catch(() => undefined);
        discard(current);
        throw error;
      }
    },
    close: async () => {
      if (client !== undefined) await client.end({ timeout: 5 });
      client = undefined;
    },
  };
}

function connectPostgres(url: string, settings: DatabaseSettings, observer: DatabaseObserver): Database {
  const client = postgres(url, postgresOptions(settings));
  const pinger = postgresPinger(url, settings);
  const pool = new PoolUsage(settings.poolMax);
  const scope = new OperationScope(observer, settings.slowQueryMs, pool);
  return {
    driver: 'postgres',
    db: drizzlePostgres({ client: preparingClient(client), schema }) as unknown as AppDatabase,
    transaction: postgresTransactions(client),
    scope,
    poolFigures: () => pool.figures(),
    ping: () => dbOperation(scope, 'ping', async () => void (await client`SELECT 1`)),
    readinessPing: pinger.ping,
    reserve: () => reservePostgres(client),
    close: async () => {
      await Promise.all([client.end({ timeout: 5 }), pinger.close()]);
    },
  };
}

/** A data directory on disk, as opposed to `memory://` (one process's own database, nothing to share). */
export function isOnDisk(pgliteDataDir: string): boolean {
  return !pgliteDataDir.includes('://');
}

async function openPglite(settings: DatabaseSettings, observer: DatabaseObserver, holder: string): Promise<Database> {
  const dataDir = settings.pgliteDataDir;
  let lock: DataDirectoryLock | undefined;
  if (isOnDisk(dataDir)) {
    await mkdir(dataDir, { recursive: true });
    lock = await lockDataDirectory(dataDir, holder);
  }
  let client: PGlite;
  try {
    client = await PGlite.create(dataDir);
  } catch (error) {
    await lock?.release();
    throw error;
  }
  // A pool of one: PGlite runs one query at a time.
  const pool = new PoolUsage(1);
  const scope = new OperationScope(observer, settings.slowQueryMs, pool);
  return {
    driver: 'pglite',
    db: drizzlePglite({ client, schema }) as unknown as AppDatabase,
    transaction: pgliteTransactions(client),
    pgliteClient: client,
    scope,
    poolFigures: () => pool.figures(),
    ping: () => dbOperation(scope, 'ping', async () => void (await client.query('SELECT 1'))),
    // One connection only: the ping takes its turn, and the caller's deadline still holds.
    readinessPing: async (signal) => void (await Promise.race([client.query('SELECT 1'), aborted(signal)])),
    // PGlite is one connection: a dedicated session is the client itself, and its transactions are exclusive.
    reserve: async () => ({
      ...pgliteRunner(client),
      transaction: (work) => client.transaction((tx) => work(pgliteRunner(tx))),
      release: async () => undefined,
    }),
    close: async () => {
      await client.close();
      await lock?.release();
    },
  };
}

/**
 * DATABASE_URL set → postgres.js pool; unset → PGlite in its data directory (DB-2), locked for this process until
 * `close()` (DataDirectoryLocked when another process holds it). `holder` is how the lock file names this process.
 */
export async function openDatabase(
  settings: DatabaseSettings,
  observer: DatabaseObserver = UNOBSERVED,
  holder: string = process.argv.slice(1).join(' '),
): Promise<Database> {
  return settings.url === undefined ? openPglite(settings, observer, holder) : connectPostgres(settings.url, settings, observer);
}
