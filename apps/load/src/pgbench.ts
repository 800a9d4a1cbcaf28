// The write ceiling of docs/performance.md#bench-load: pgbench's TPC-B-like transaction on a scratch database of the
// same server, as PERF-1 fixes it (-i -s 16, then -c 16 -j 2 -M prepared), for a few seconds.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { withScratchDatabase } from './scratch-database.ts';

const run = promisify(execFile);

export async function pgbenchTps(serverUrl: string, seconds: number): Promise<number> {
  return withScratchDatabase(serverUrl, 'sp_pgbench', async (url) => {
    await run('pgbench', ['-i', '-q', '-s', '16', url]);
    const { stdout } = await run('pgbench', ['-c', '16', '-j', '2', '-T', String(seconds), '-M', 'prepared', url]);
    const tps = /tps = ([\d.]+)/.exec(stdout)?.[1];
    if (tps === undefined) throw new Error(`pgbench printed no TPS:\n${stdout}`);
    return Number(tps);
  });
}
