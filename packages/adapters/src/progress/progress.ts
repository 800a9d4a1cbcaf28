// Progress of the long command-line runs (the CLI's load-seed, backup and restore; the simulator). On a terminal one
// bar is redrawn in place at most ten times a second; elsewhere (CI logs, pipes, files) a plain line is printed at the
// start and at every tenth of the work, so a log shows the command is alive without a line per item. Both go to stderr: stdout keeps the report.

/** Where progress is drawn: the CLI's and the simulator's stderr. */
export interface ProgressIo {
  err(line: string): void;
  /** stderr is a terminal: a bar redrawn in place there, plain lines otherwise (logs, pipes) */
  readonly terminal: boolean;
  /** Draws `text` over the status line of the terminal; `''` clears it. Only called when `terminal`. */
  status(text: string): void;
}

const BAR_WIDTH = 24;
const REDRAW_INTERVAL_MS = 100;

export interface Progress {
  /** `count` more items done (1 by default) */
  tick(count?: number): void;
  /** Clears the bar on a terminal; plain output already ended with its 100 % line. */
  finish(): void;
}

export function startProgress(io: ProgressIo, label: string, total: number, now: () => number = Date.now): Progress {
  const started = now();
  let done = 0;
  let drawnAt = Number.NEGATIVE_INFINITY;
  let printedTenth = -1;

  const percent = () => (total === 0 ? 100 : Math.floor((done * 100) / total));
  const elapsed = () => `${Math.round((now() - started) / 1000)} s`;
  const report = () => {
    if (io.terminal) {
      const filled = Math.round((percent() * BAR_WIDTH) / 100);
      io.status(`${label} [${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${done}/${total} ${percent()} % ${elapsed()}`);
      drawnAt = now();
      return;
    }
    const tenth = Math.floor(percent() / 10);
    if (tenth === printedTenth) return;
    printedTenth = tenth;
    io.err(`${label}: ${done}/${total} (${percent()} %, ${elapsed()})`);
  };

  report();
  return {
    tick: (count = 1) => {
      done = Math.min(total, done + count);
      if (!io.terminal || done === total || now() - drawnAt >= REDRAW_INTERVAL_MS) report();
    },
    finish: () => {
      if (io.terminal) io.status('');
    },
  };
}
