#!/usr/bin/env node
// The simulator's process entry: the only module that touches argv, the standard streams and the file system.
// `pnpm sim ...` or `node --conditions=source apps/sim/src/main.ts ...`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { runCli } from './cli.ts';

const terminal = process.stderr.isTTY;
process.exitCode = await runCli(process.argv.slice(2), {
  out: (text) => void process.stdout.write(text),
  err: (line) => void process.stderr.write(`${line}\n`),
  terminal,
  status: (text) => void process.stderr.write(`\r\u001b[2K${text}`),
  readFile: (path) => readFileSync(path, 'utf8'),
  writeFile: (path, text) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  },
});
