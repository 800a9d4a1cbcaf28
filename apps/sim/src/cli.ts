// `pnpm sim`: parses the arguments, runs the simulator or a sweep, and prints the report (docs/simulation.md#running).
// Everything outside (stdout, stderr, files) comes in through `SimIo`, so tests drive it without a process.
import { parseArgs } from 'node:util';
import { startProgress, type ProgressIo } from '@socialpredict/adapters/progress';
import {
  economicsWith,
  renderCalibrationSvg,
  renderCsv,
  renderPathsSvg,
  renderSweepTable,
  renderTable,
  RejectedSettingsError,
  resolveSettingName,
  runSimulation,
  runSweep,
  UnknownSettingError,
  type EconomicsOverrides,
  type SimulationReport,
} from '@socialpredict/simulation';
import { parse as parseYaml } from 'yaml';

/** sysexits.h codes, as the operator CLI uses: a typo (64) tells apart from a run whose books did not balance (1). */
export const EXIT = { ok: 0, failed: 1, usage: 64 } as const;

export interface SimIo extends ProgressIo {
  out(text: string): void;
  readFile(path: string): string;
  writeFile(path: string, text: string): void;
}

export const USAGE = `Usage:
  pnpm sim [--markets N] [--agents N] [--seed N] [--turns N] [--config economics.yaml] [--format table|json|csv] [--out DIR]
  pnpm sim sweep --param <setting>=v1,v2,... [same options]

  --markets   markets to run (default 200)
  --agents    traders (default 50): one whale, then informed, noise, momentum, profit-taker, noise, ...
  --seed      seed of every random draw (default 42); the same seed and config give byte-identical JSON
  --turns     agent turns per market (default: the number of agents)
  --config    YAML of economics overrides in the nesting of setup.yaml, e.g. "betting: { maxDustPerSale: 2 }"
  --format    table (default), json or csv
  --out       directory for the SVG charts (probability paths, calibration curve)
  --param     the swept setting, by key (initialMarketSubsidization) or path (marketcreation.initialMarketSubsidization)
`;

class UsageError extends Error {}

const FORMATS = ['table', 'json', 'csv'] as const;
type Format = (typeof FORMATS)[number];

function positiveInteger(name: string, raw: string | undefined, fallback: number, minimum = 1): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < minimum || !Number.isSafeInteger(Number(raw))) {
    throw new UsageError(`--${name} must be an integer of at least ${minimum}, got "${raw}"`);
  }
  return Number(raw);
}

/** The numeric leaves of a YAML economics file as `path → value`; a top-level `economics:` key is optional. */
function overridesFromYaml(text: string): EconomicsOverrides {
  const document: unknown = parseYaml(text);
  const root = typeof document === 'object' && document !== null && 'economics' in document ? document.economics : document;
  const overrides: Record<string, number> = {};
  const walk = (node: unknown, prefix: string) => {
    if (typeof node === 'number') overrides[prefix] = node;
    else if (typeof node === 'object' && node !== null) {
      for (const [key, value] of Object.entries(node)) walk(value, prefix === '' ? key : `${prefix}.${key}`);
    } else throw new UsageError(`--config: "${prefix}" must be a number`);
  };
  walk(root ?? {}, '');
  return overrides;
}

function parseSweepParam(raw: string | undefined): { name: string; values: number[] } {
  const match = raw === undefined ? null : /^([\w.]+)=(.+)$/.exec(raw);
  if (match === null) throw new UsageError('sweep needs --param <setting>=v1,v2,...');
  const name = match[1] as string;
  if (resolveSettingName(name) === null) throw new UsageError(`unknown economics setting "${name}"`);
  const values = (match[2] as string).split(',').map((value) => Number(value));
  if (values.some((value) => !Number.isFinite(value))) throw new UsageError(`--param ${name}: every value must be a number`);
  return { name, values };
}

export async function runCli(argv: readonly string[], io: SimIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof UnknownSettingError || error instanceof RejectedSettingsError)) throw error;
    io.err(`${error.message}\n\n${USAGE}`);
    return EXIT.usage;
  }
}

async function dispatch(argv: readonly string[], io: SimIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        markets: { type: 'string' },
        agents: { type: 'string' },
        seed: { type: 'string' },
        turns: { type: 'string' },
        config: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        param: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    io.out(USAGE);
    return EXIT.ok;
  }
  const mode = positionals[0] ?? 'run';
  if (!['run', 'sweep'].includes(mode) || positionals.length > 1) throw new UsageError(`unknown command "${positionals.join(' ')}"`);
  const format = (values.format ?? 'table') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const markets = positiveInteger('markets', values.markets, 200);
  const agents = positiveInteger('agents', values.agents, 50);
  const options = {
    markets,
    agents,
    seed: positiveInteger('seed', values.seed, 42, 0),
    ...(values.turns === undefined ? {} : { turnsPerMarket: positiveInteger('turns', values.turns, agents) }),
  };
  const base = values.config === undefined ? {} : overridesFromYaml(io.readFile(values.config));
  economicsWith(base);

  if (mode === 'sweep') {
    const { name, values: settings } = parseSweepParam(values.param);
    const progress = startProgress(io, `Sweeping ${name}`, markets * settings.length);
    const rows = await runSweep({ ...options, onMarketDone: () => progress.tick() }, base, name, settings);
    progress.finish();
    if (format === 'json') io.out(`${JSON.stringify({ param: name, rows }, null, 2)}\n`);
    else if (format === 'csv') io.out(renderCsv(rows.map((row) => ({ leading: [[name, String(row.value)]], report: row.report }))));
    else io.out(renderSweepTable(name, rows));
    if (values.out !== undefined) {
      for (const row of rows) writeCharts(io, values.out, row.report, `-${name}-${row.value}`);
    }
    return rows.every((row) => row.report.conservation.ok) ? EXIT.ok : EXIT.failed;
  }

  if (values.param !== undefined) throw new UsageError('--param belongs to `pnpm sim sweep`');
  const progress = startProgress(io, 'Simulating markets', markets);
  const report = await runSimulation({ ...options, economics: economicsWith(base), onMarketDone: () => progress.tick() });
  progress.finish();
  if (format === 'json') io.out(`${JSON.stringify(report, null, 2)}\n`);
  else if (format === 'csv') io.out(renderCsv([{ report }]));
  else io.out(renderTable(report));
  if (values.out !== undefined) writeCharts(io, values.out, report, '');
  if (!report.conservation.ok) io.err('Money conservation FAILED: see conservation.violations in --format json.');
  return report.conservation.ok ? EXIT.ok : EXIT.failed;
}

function writeCharts(io: SimIo, directory: string, report: SimulationReport, suffix: string): void {
  io.writeFile(`${directory}/probability-paths${suffix}.svg`, renderPathsSvg(report));
  io.writeFile(`${directory}/calibration${suffix}.svg`, renderCalibrationSvg(report));
}
