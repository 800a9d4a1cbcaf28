// The embedded database of the tests (TST-3) when there is neither TEST_DATABASE_URL nor Docker: PGlite behind the
// PostgreSQL wire protocol of @electric-sql/pglite-socket, so suites reach it through postgres.js over TCP exactly as
// they reach PostgreSQL. All its connections share one PGlite backend: statements run one at a time and an open
// transaction keeps the backend to its connection until it ends, so concurrent transactions queue instead of waiting
// on row locks (no lock timeouts, no deadlocks, one session's state seen by every connection).
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedServer {
  /** postgres://…/postgres on 127.0.0.1 and a free port */
  url: string;
  pglite: PGlite;
  close(): Promise<void>;
}

/** Protocol messages after which PGlite has answered ReadyForQuery: Sync, simple Query, Terminate, and the startup. */
const BATCH_ENDS = new Set([0x53, 0x51, 0x58, 0x00]);

/**
 * The socket server hands the backend to the next connection whenever PGlite is outside a transaction, including in
 * the middle of one connection's extended-protocol batch (Parse … Sync), where another connection's Bind would replace
 * the unnamed portal ("portal does not exist"). Reporting an unfinished batch as a transaction keeps the backend with
 * its connection until the batch ends.
 */
function batchAware(pglite: PGlite): PGlite {
  let inBatch = false;
  return new Proxy(pglite, {
    get(target, key) {
      if (key === 'isInTransaction') return () => inBatch || target.isInTransaction();
      if (key === 'execProtocolRawStream') {
        return (message: Uint8Array, options: Parameters<PGlite['execProtocolRawStream']>[1]) => {
          inBatch = !BATCH_ENDS.has(message[0] ?? 0);
          return target.execProtocolRawStream(message, options);
        };
      }
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** A PGlite (empty, or loaded from a data-directory dump) serving the wire protocol on 127.0.0.1. */
export async function startEmbeddedServer(dump?: Blob): Promise<EmbeddedServer> {
  const pglite = await PGlite.create(dump === undefined ? {} : { loadDataDir: dump });
  // Enough connections for the pools a suite opens at once (the default is one).
  const server = new PGLiteSocketServer({ db: batchAware(pglite), host: '127.0.0.1', port: 0, maxConnections: 100 });
  await server.start();
  return {
    url: `postgres://postgres@${server.getServerConn()}/postgres`,
    pglite,
    close: async () => {
      await server.stop();
      await pglite.close();
    },
  };
}
