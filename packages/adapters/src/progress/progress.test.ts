import { describe, expect, it } from 'vitest';
import { startProgress, type ProgressIo } from './progress.ts';

function recordingIo(terminal: boolean) {
  const err: string[] = [];
  const status: string[] = [];
  const io: ProgressIo = { err: (line) => void err.push(line), terminal, status: (text) => void status.push(text) };
  return { io, err, status };
}

/** A clock the test moves by hand. */
function manualClock() {
  let time = 0;
  return { now: () => time, advance: (ms: number) => void (time += ms) };
}

describe('startProgress', () => {
  it('prints a plain line at the start and at every tenth when stderr is not a terminal', () => {
    const { io, err, status } = recordingIo(false);
    const clock = manualClock();
    const progress = startProgress(io, 'Seeding accounts', 40, clock.now);
    for (let i = 0; i < 40; i += 1) {
      clock.advance(500);
      progress.tick();
    }
    progress.finish();
    expect(err).toHaveLength(11);
    expect(err[0]).toBe('Seeding accounts: 0/40 (0 %, 0 s)');
    expect(err[1]).toBe('Seeding accounts: 4/40 (10 %, 2 s)');
    expect(err.at(-1)).toBe('Seeding accounts: 40/40 (100 %, 20 s)');
    expect(status).toEqual([]);
  });

  it('redraws one bar at most every 100 ms on a terminal, always the last frame, and clears it at the end', () => {
    const { io, err, status } = recordingIo(true);
    const clock = manualClock();
    const progress = startProgress(io, 'Restoring tables', 8, clock.now);
    progress.tick(3);
    clock.advance(150);
    progress.tick();
    clock.advance(2000);
    progress.tick(4);
    progress.finish();
    expect(err).toEqual([]);
    expect(status).toEqual([
      'Restoring tables [------------------------] 0/8 0 % 0 s',
      'Restoring tables [############------------] 4/8 50 % 0 s',
      'Restoring tables [########################] 8/8 100 % 2 s',
      '',
    ]);
  });

  it('reports an empty job as done', () => {
    const { io, err } = recordingIo(false);
    startProgress(io, 'Placing trades', 0).finish();
    expect(err).toEqual(['Placing trades: 0/0 (100 %, 0 s)']);
  });
});
