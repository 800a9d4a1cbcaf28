import { describe, expect, it } from 'vitest';
import { EXIT, runCli, USAGE, type SimIo } from '../src/cli.ts';

function recordingIo(files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const written = new Map<string, string>();
  const io: SimIo = {
    out: (text) => void out.push(text),
    err: (line) => void err.push(line),
    terminal: false,
    status: () => undefined,
    readFile: (path) => {
      const text = files[path];
      if (text === undefined) throw new Error(`no file ${path}`);
      return text;
    },
    writeFile: (path, text) => void written.set(path, text),
  };
  return { io, out: () => out.join(''), err: () => err.join('\n'), written };
}

const tiny = ['--markets', '4', '--agents', '8', '--seed', '5'];

describe('pnpm sim', () => {
  it('prints its usage for --help', async () => {
    const run = recordingIo();
    expect(await runCli(['--help'], run.io)).toBe(EXIT.ok);
    expect(run.out()).toBe(USAGE);
    expect(USAGE).toContain('pnpm sim sweep --param <setting>=v1,v2,...');
  });

  it.each([
    [['--markets', '0']],
    [['--agents', 'ten']],
    [['--format', 'xml']],
    [['--bogus']],
    [['frobnicate']],
    [['sweep']],
    [['sweep', '--param', 'subsidy=1,2']],
    [['sweep', '--param', 'initialMarketSubsidization=1,x']],
    [['--param', 'initialMarketSubsidization=1']],
    [['--config', 'economics.yaml']],
    [['--markets', '1', '--config', 'zero.yaml']],
  ])('exits 64 with the usage on bad arguments: %j', async (argv) => {
    const run = recordingIo({ 'economics.yaml': 'betting:\n  maxDustPerSale: lots\n', 'zero.yaml': 'marketcreation: { initialMarketSubsidization: 0 }\n' });
    expect(await runCli(argv, run.io)).toBe(EXIT.usage);
    expect(run.err()).toContain('Usage:');
    expect(run.out()).toBe('');
  });

  it('prints JSON of the documented shape, byte-identical for the same seed and config', async () => {
    const files = { 'economics.yaml': 'economics:\n  betting:\n    maxDustPerSale: 2\n' };
    const first = recordingIo(files);
    expect(await runCli([...tiny, '--format', 'json', '--config', 'economics.yaml'], first.io)).toBe(EXIT.ok);
    const second = recordingIo(files);
    await runCli([...tiny, '--format', 'json', '--config', 'economics.yaml'], second.io);
    expect(second.out()).toBe(first.out());

    const report = JSON.parse(first.out()) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual([
      'settings', 'economics', 'calibration', 'priceImpact', 'strategies', 'agentProfits', 'money', 'conservation', 'markets',
    ]);
    expect(report).toMatchObject({
      settings: { markets: 4, agents: 8, seed: 5, turnsPerMarket: 8 },
      economics: { betting: { maxDustPerSale: 2 } },
      calibration: {
        brier: expect.any(Number),
        logScore: expect.any(Number),
        truthBrier: expect.any(Number),
        meanAbsoluteError: expect.any(Number),
      },
      priceImpact: {
        perCredit: expect.any(Number),
        acceptedTrades: expect.any(Number),
        refusedTrades: expect.any(Number),
        refusals: expect.any(Object),
      },
      money: {
        feesCollected: expect.any(Number),
        dustCollected: expect.any(Number),
        creatorIncome: expect.any(Number),
        houseIncome: expect.any(Number),
        workProfitPaid: expect.any(Number),
      },
      conservation: { ok: true, sumOfBalances: 0, violations: [] },
    });
    const { calibration, strategies, markets } = report as {
      calibration: { deciles: unknown[] }; strategies: { strategy: string }[]; markets: { path: number[] }[];
    };
    expect(calibration.deciles).toHaveLength(10);
    expect(strategies.map((row) => row.strategy)).toEqual(['informed', 'noise', 'whale', 'momentum', 'profit-taker']);
    expect(markets).toHaveLength(4);
    expect(markets[0]).toEqual({ marketId: expect.any(Number), truth: expect.any(Number), resolvedYes: expect.any(Boolean), path: expect.any(Array) });
  });

  it('prints a table by default and writes both SVG charts to --out', async () => {
    const run = recordingIo();
    expect(await runCli([...tiny, '--out', 'charts'], run.io)).toBe(EXIT.ok);
    expect(run.out()).toMatch(/^4 markets, 8 agents, seed 5, 8 turns per market\n\nbrier +0\.\d{4}\n/);
    expect(run.out()).toContain('conservation              ok');
    expect([...run.written.keys()]).toEqual(['charts/probability-paths.svg', 'charts/calibration.svg']);
    for (const svg of run.written.values()) expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^]*<\/svg>\n$/);
    expect(run.err()).toContain('Simulating markets: 4/4 (100 %');
  });

  it('sweeps a setting side by side, as JSON rows or one CSV line per value', async () => {
    const table = recordingIo();
    expect(await runCli(['sweep', ...tiny, '--param', 'initialMarketSubsidization=1,100'], table.io)).toBe(EXIT.ok);
    expect(table.out().split('\n')[0]).toMatch(/^initialMarketSubsidization +1 +100$/);

    const json = recordingIo();
    await runCli(['sweep', ...tiny, '--param', 'initialMarketSubsidization=1,100', '--format', 'json'], json.io);
    const single = recordingIo();
    await runCli([...tiny, '--format', 'json'], single.io);
    const sweep = JSON.parse(json.out()) as { param: string; rows: { value: number; report: unknown }[] };
    expect(sweep.param).toBe('initialMarketSubsidization');
    expect(sweep.rows.map((row) => row.value)).toEqual([1, 100]);
    // The default subsidy is 10, so neither row is the default run.
    expect(sweep.rows.some((row) => JSON.stringify(row.report) === JSON.stringify(JSON.parse(single.out())))).toBe(false);

    const csv = recordingIo();
    await runCli(['sweep', ...tiny, '--param', 'maxDustPerSale=0,1,2', '--format', 'csv'], csv.io);
    const lines = csv.out().trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^maxDustPerSale,brier,truth brier,log score,/);
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(['0', '1', '2']);
  });
});
