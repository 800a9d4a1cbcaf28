// DB-1 and DB-2: driver options from the configuration, TLS enforcement, and PGlite in a data directory.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { describe, expect, it, vi } from 'vitest';
import { openDatabase, postgresOptions } from '../src/drizzle/database.factory.ts';
import { migrate } from '../src/drizzle/migrations.migrator.ts';
import { drizzleRepositories, DrizzleUnitOfWork } from '../src/drizzle/unit-of-work.drizzle.ts';
import { testDatabaseSettings } from './support/database.settings.ts';
import { newUser } from './support/money-use-cases.ts';
import { createEmptyDatabase, itOnFullServer } from './support/postgres.harness.ts';

const settings = {
  url: 'postgres://app@db.internal:5432/socialpredict',
  pgliteDataDir: './data/pglite',
  poolMax: 25,
  idleTimeoutSeconds: 300,
  maxLifetimeSeconds: 1800,
  connectTimeoutSeconds: 10,
  statementTimeoutMs: 15_000,
  lockTimeoutMs: 5_000,
  slowQueryMs: 200,
  requireTls: false,
};

describe('postgres.js options (DB-1)', () => {
  it('takes pool size, lifetimes and per-connection timeouts from the configuration', () => {
    expect(postgresOptions(settings)).toMatchObject({
      max: 25,
      idle_timeout: 300,
      max_lifetime: 1800,
      connect_timeout: 10,
      connection: { statement_timeout: 15_000, lock_timeout: 5_000 },
    });
    expect(postgresOptions(settings)).not.toHaveProperty('ssl');
  });

  it('requires TLS with certificate verification, or without it when the URL asks for sslmode=require', () => {
    expect(postgresOptions({ ...settings, requireTls: true }).ssl).toBe('verify-full');
    expect(postgresOptions({ ...settings, requireTls: true, url: `${settings.url}?sslmode=require` }).ssl).toBe('require');
    expect(postgresOptions({ ...settings, requireTls: true, url: `${settings.url}?sslmode=disable` }).ssl).toBe('verify-full');
  });
});

describe('TLS against a server without TLS', () => {
  itOnFullServer('fails the first query instead of falling back to plain text', 'a server that drops a TLS handshake it does not speak (the embedded one leaves the client to time out)', async ({ skip }) => {
    const target = await createEmptyDatabase();
    try {
      const plain = postgres(target.url, { max: 1 });
      const [setting] = await plain`SHOW ssl`;
      await plain.end();
      // Only a server without TLS can prove the refusal.
      skip(setting?.ssl !== 'off', 'the test server speaks TLS, so it cannot refuse it');
      const database = await target.open({ requireTls: true });
      const result = await drizzleRepositories(database).users.count();
      expect(result._unsafeUnwrapErr().message).toMatch(/TLS|SSL/);
    } finally {
      await target.drop();
    }
  });
});

describe('PGlite in a data directory (DB-2)', () => {
  it('creates the directory, and the data survives a restart', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'sp-pglite-'));
    const dataDir = join(parent, 'nested', 'pglite');
    try {
      const first = await openDatabase(testDatabaseSettings(undefined, { pgliteDataDir: dataDir }));
      expect(first.driver).toBe('pglite');
      expect((await first.ping()).isOk()).toBe(true);
      (await migrate(first))._unsafeUnwrap();
      (await new DrizzleUnitOfWork(first).run((tx) => tx.users.insert(newUser('alice', Date.UTC(2026, 0, 1)))))._unsafeUnwrap();
      await first.close();

      const second = await openDatabase(testDatabaseSettings(undefined, { pgliteDataDir: dataDir }));
      expect((await migrate(second))._unsafeUnwrap().applied).toEqual([]);
      expect((await drizzleRepositories(second).users.count())._unsafeUnwrap()).toBe(1);
      await second.close();
      expect((await second.ping())._unsafeUnwrapErr()).toMatchObject({ kind: 'UNAVAILABLE' });
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });
});

describe('the readiness ping (DB-10)', () => {
  it('drops a connection that did not answer by the deadline, so the next ping starts on a fresh one', async () => {
    // A server that accepts connections and never answers, as a database in trouble can.
    const sockets: Socket[] = [];
    let closed = 0;
    const silent = createServer((socket) => {
      sockets.push(socket);
      socket.on('close', () => (closed += 1)).resume();
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const database = await openDatabase(testDatabaseSettings(`postgres://postgres@127.0.0.1:${port}/postgres`));
    try {
      await expect(database.readinessPing(AbortSignal.timeout(300))).rejects.toThrow();
      await expect(database.readinessPing(AbortSignal.timeout(300))).rejects.toThrow();
      expect(sockets).toHaveLength(2);
      // Both were closed from our side rather than left waiting.
      await vi.waitFor(() => expect(closed).toBe(2));
    } finally {
      for (const socket of sockets) socket.destroy();
      await database.close();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
