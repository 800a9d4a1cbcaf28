// The three targets the one repository contract runs against: the in-memory fakes, PGlite and PostgreSQL. The two
// database targets open one database per test file and empty it before each test.
import type {
  DueMarketRepository,
  IdempotencyStore,
  NotificationRepository,
  ReadModelSnapshotRepository,
  Repositories,
  UnitOfWork,
} from '@socialpredict/domain';
import { getTableName } from 'drizzle-orm';
import { openDatabase, type Database } from '../../src/drizzle/database.factory.ts';
import { auditLog, schema } from '../../src/drizzle/schema.ts';
import { migrate } from '../../src/drizzle/migrations.migrator.ts';
import { drizzleJobRepositories } from '../../src/drizzle/job.repositories.ts';
import { DrizzleUnitOfWork, drizzleRepositories } from '../../src/drizzle/unit-of-work.drizzle.ts';
import { createMemoryPorts, memoryJobRepositories } from '../../src/memory/index.ts';
import { testDatabaseSettings } from './database.settings.ts';
import { createTestDatabase, type TestDatabase } from './postgres.harness.ts';

export interface ContractPorts extends Repositories {
  readonly unitOfWork: UnitOfWork;
  readonly snapshots: ReadModelSnapshotRepository;
  readonly notifications: NotificationRepository;
  readonly dueMarkets: DueMarketRepository;
  readonly idempotency: IdempotencyStore;
}

export interface ContractTarget {
  readonly name: string;
  open(): Promise<void>;
  /** Ports over empty tables. */
  fresh(): Promise<ContractPorts>;
  /** The database behind the ports, for the database targets. */
  database?: () => Database;
  close(): Promise<void>;
}

export function memoryTarget(): ContractTarget {
  return {
    name: 'in-memory fakes',
    open: async () => undefined,
    fresh: async () => {
      const ports = createMemoryPorts();
      return { ...ports, ...memoryJobRepositories(ports.database) };
    },
    close: async () => undefined,
  };
}

/** Every table but the append-only audit log, whose trigger refuses TRUNCATE (tests name their own actors instead). */
const EMPTIED_TABLES = Object.values(schema)
  .filter((table) => table !== auditLog)
  .map((table) => `"${getTableName(table)}"`)
  .join(', ');

/** Empties every table and restores the system accounts the migrations insert. */
export async function emptyTables(database: Database): Promise<void> {
  const session = await database.reserve();
  try {
    await session.script(
      `TRUNCATE ${EMPTIED_TABLES} RESTART IDENTITY;
       INSERT INTO ledger_accounts (account, type) VALUES ('house', 'house'), ('mint', 'mint');`,
    );
  } finally {
    await session.release();
  }
}

function databaseTarget(name: string, connect: () => Promise<{ database: Database; close: () => Promise<void> }>): ContractTarget {
  let current: { database: Database; close: () => Promise<void> } | undefined;
  const database = () => {
    if (current === undefined) throw new Error(`${name} target is not open`);
    return current.database;
  };
  return {
    name,
    open: async () => {
      current = await connect();
    },
    fresh: async () => {
      await emptyTables(database());
      return { ...drizzleRepositories(database()), ...drizzleJobRepositories(database()), unitOfWork: new DrizzleUnitOfWork(database()) };
    },
    database,
    close: async () => current?.close(),
  };
}

export function pgliteTarget(): ContractTarget {
  return databaseTarget('PGlite', async () => {
    const database = await openDatabase(testDatabaseSettings(undefined));
    (await migrate(database))._unsafeUnwrap();
    return { database, close: () => database.close() };
  });
}

export function postgresTarget(): ContractTarget {
  return databaseTarget('PostgreSQL', async () => {
    const target: TestDatabase = await createTestDatabase();
    return { database: await target.open(), close: () => target.drop() };
  });
}
