// `pnpm bench:load --help` prints its options and exits without touching a database.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));

describe('bench:load usage', () => {
  it('--help lists every option and points at the docs', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--conditions=source', main, '--help'], { env: { ...process.env, TEST_DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' } });
    for (const option of ['--scenario', '--rate', '--read-rate', '--duration', '--pregrown', '--workers', '--cpu-prof', '--json']) expect(stdout).toContain(option);
    expect(stdout).toContain('docs/performance.md#bench-load');
  });

  it('refuses an unknown option', async () => {
    await expect(promisify(execFile)(process.execPath, ['--conditions=source', main, '--nonsense'])).rejects.toMatchObject({ code: 1 });
  });
});
