#!/usr/bin/env node
// The one CLI entry (CFG-6): the only module of the CLI that reads the process environment, arguments and signals;
// everything else receives them. `node --conditions=source apps/cli/src/main.ts <command>` or `pnpm cli <command>`.
import cluster from 'node:cluster';
import { runCli } from './cli.ts';

let stopRequested: Promise<NodeJS.Signals> | undefined;

/** Installed only by the long-running commands, so Ctrl-C still ends a one-shot command at once. */
function waitForStop(): Promise<NodeJS.Signals> {
  stopRequested ??= new Promise((resolve) => {
    let received = false;
    const onSignal = (signal: NodeJS.Signals) => {
      // DEP-2: a second signal means "now" — except in a cluster worker, which gets the SIGTERM sent to the process
      // group and then its primary's own: it keeps draining, and the primary kills it if it overruns its budget
      // (docs/operations.md#cluster).
      if (received && cluster.isWorker) return;
      if (received) process.exit(1);
      received = true;
      resolve(signal);
    };
    process.on('SIGTERM', onSignal);
    // Ctrl-C reaches every process of the terminal's group: a cluster worker waits for the primary's SIGTERM instead.
    process.on('SIGINT', cluster.isWorker ? () => undefined : onSignal);
  });
  return stopRequested;
}

/** ERR-6: a long-running command that asks for them gets fatal errors reported instead of the process crashing. */
function onFatalError(listener: (kind: string, error: unknown) => void): void {
  process.on('uncaughtException', (error) => listener('uncaughtException', error));
  process.on('unhandledRejection', (reason) => listener('unhandledRejection', reason));
}

const exitCode = await runCli({
  argv: process.argv.slice(2),
  env: process.env,
  io: {
    out: (line) => void process.stdout.write(`${line}\n`),
    err: (line) => void process.stderr.write(`${line}\n`),
    terminal: process.stderr.isTTY === true,
    // Carriage return and "erase line" (ECMA-48 EL 2): the bar replaces itself instead of scrolling.
    status: (text) => void process.stderr.write(`\r\x1b[2K${text}`),
  },
  logStream: (service) => (service ? process.stdout : process.stderr),
  waitForStop,
  onFatalError,
});
// The process ends with its command (as DEP-2 requires of `serve` within its budget): a request cut at the shutdown
// timeout may leave its query holding a connection that would otherwise keep the event loop alive.
process.exit(exitCode);
