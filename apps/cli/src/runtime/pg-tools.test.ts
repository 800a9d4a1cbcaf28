import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPgTool } from './pg-tools.ts';

describe('runPgTool', () => {
  let bin: string;

  beforeAll(async () => {
    // A stand-in pg_dump: verbose chatter, then an error with its detail split across writes, then exit 1.
    bin = await mkdtemp(join(tmpdir(), 'sp-pgtools-'));
    const script = [
      '#!/bin/sh',
      'echo "pg_dump: last built-in OID is 16383" >&2',
      'echo "pg_dump: dumping contents of table \\"public.bets\\"" >&2',
      'printf "pg_dump: error: query failed: ERROR:  canceling statement due to lock timeout\\nDETAIL:  lock on pub" >&2',
      'printf "lic.bets\\n" >&2',
      'echo "listed"',
      'exit 1',
    ].join('\n');
    await writeFile(join(bin, 'pg_dump'), script);
    await chmod(join(bin, 'pg_dump'), 0o755);
  });
  afterAll(() => rm(bin, { recursive: true, force: true }));

  it('hands --verbose chatter to onVerbose line by line and keeps errors and their detail for the message', async () => {
    const chatter: string[] = [];
    const run = await runPgTool('pg_dump', [], { PATH: bin }, { url: 'postgres://app@db/app', requireTls: false }, (line) => chatter.push(line));
    expect(chatter).toEqual(['pg_dump: last built-in OID is 16383', 'pg_dump: dumping contents of table "public.bets"']);
    expect(run).toEqual({
      exitCode: 1,
      stdout: 'listed\n',
      stderr: 'pg_dump: error: query failed: ERROR:  canceling statement due to lock timeout\nDETAIL:  lock on public.bets',
    });
  });

  it('keeps every line without onVerbose', async () => {
    const run = await runPgTool('pg_dump', [], { PATH: bin }, { url: 'postgres://app@db/app', requireTls: false });
    expect(run.stderr.split('\n')).toHaveLength(4);
  });
});
