import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import postgres from 'postgres';

const db = await PGlite.create('memory://');
function syncAware(target: PGlite): PGlite {
  let midBatch = false;
  return new Proxy(target, {
    get(t, key) {
      if (key === 'isInTransaction') return () => midBatch || t.isInTransaction();
      if (key === 'execProtocolRawStream') return (message: Uint8Array, options: never) => {
        midBatch = ![0x53, 0x51, 0x58, 0].includes(message[0]!);
        return t.execProtocolRawStream(message, options);
      };
      const value = Reflect.get(t, key, t);
      return typeof value === 'function' ? value.bind(t) : value;
    },
  });
}
const server = new PGLiteSocketServer({ db: syncAware(db), port: 0, maxConnections: 64 });
await server.start();
const url = `postgres://postgres@${server.getServerConn()}/postgres`;
const sql = postgres(url, { max: 8, onnotice: () => undefined });
await sql`create table t (id int primary key, v int)`;
await sql`insert into t select g, 0 from generate_series(1, 10) g`;
let bad = 0, errors = 0;
const t0 = performance.now();
await Promise.all(Array.from({ length: 400 }, async (_, i) => {
  try {
    if (i % 4 === 0) {
      await sql.begin(async (tx) => {
        const [row] = await tx`select v from t where id = ${(i % 10) + 1} for update`;
        await tx`update t set v = ${row!.v + 1} where id = ${(i % 10) + 1}`;
      });
    } else {
      const [r] = await sql.unsafe('select $1::int + 1 as x, $2::text as s', [i, 'q' + i], { prepare: true });
      if (r!.x !== i + 1 || r!.s !== 'q' + i) bad++;
    }
  } catch (e) { errors++; if (errors < 4) console.log((e as Error).message); }
}));
console.log('ms', Math.round(performance.now() - t0), 'bad', bad, 'errors', errors, await sql`select sum(v)::int as s from t`);
await sql.end();
await server.stop();
await db.close();
