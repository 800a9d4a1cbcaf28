// The service log on standard output is written asynchronously (docs/performance.md#async-logging): no line may be
// lost or reordered when the process exits straight after logging.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CHILD = fileURLToPath(new URL('./fixtures/log-then-exit.ts', import.meta.url));

describe('service logger on standard output', () => {
  it('delivers every line of a burst, in order, when the process exits right after it', () => {
    const lines = 20_000;
    const child = spawnSync(process.execPath, ['--conditions=source', CHILD, String(lines)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(child.status).toBe(0);
    const logged = child.stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { i: number }).i);
    expect(logged).toEqual(Array.from({ length: lines }, (_, i) => i));
  });
});
