// Text, CSV and SVG views of reports (docs/simulation.md#outputs). The JSON view is the report itself.
import type { SimulationReport } from './metrics.ts';

/** The headline figures of a report, in display order: one column of the table, one CSV row. */
export function headline(report: SimulationReport): [string, string][] {
  const fixed = (value: number, digits = 4) => value.toFixed(digits);
  return [
    ['brier', fixed(report.calibration.brier)],
    ['truth brier', fixed(report.calibration.truthBrier)],
    ['log score', fixed(report.calibration.logScore)],
    ['mean |p − truth|', fixed(report.calibration.meanAbsoluteError)],
    ['impact per credit', fixed(report.priceImpact.perCredit, 6)],
    ['accepted trades', String(report.priceImpact.acceptedTrades)],
    ['refused trades', String(report.priceImpact.refusedTrades)],
    ...report.strategies.map((row): [string, string] => [`mean profit ${row.strategy}`, row.meanProfit.toFixed(1)]),
    ['fees collected', String(report.money.feesCollected)],
    ['dust collected', String(report.money.dustCollected)],
    ['creator income', String(report.money.creatorIncome)],
    ['house income', String(report.money.houseIncome)],
    ['conservation', report.conservation.ok ? 'ok' : `FAILED (${report.conservation.violations.length})`],
  ];
}

function columns(rows: readonly (readonly string[])[]): string {
  const widths = (rows[0] ?? []).map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd()).join('\n');
}

export function renderTable(report: SimulationReport): string {
  const { settings } = report;
  const calibration = [
    ['forecast', 'markets', 'mean forecast', 'observed YES'],
    ...report.calibration.deciles.map((bucket) => [
      `${bucket.low.toFixed(1)}–${bucket.high.toFixed(1)}`,
      String(bucket.markets),
      bucket.meanForecast === null ? '-' : bucket.meanForecast.toFixed(3),
      bucket.observedYes === null ? '-' : bucket.observedYes.toFixed(3),
    ]),
  ];
  const strategies = [
    ['strategy', 'agents', 'trades', 'refused', 'credits', 'total profit', 'mean profit'],
    ...report.strategies.map((row) => [
      row.strategy, String(row.agents), String(row.trades), String(row.refused), String(row.creditsTraded),
      String(row.totalProfit), row.meanProfit.toFixed(1),
    ]),
  ];
  return [
    `${settings.markets} markets, ${settings.agents} agents, seed ${settings.seed}, ${settings.turnsPerMarket} turns per market`,
    '',
    columns(headline(report)),
    ...Object.entries(report.priceImpact.refusals).map(([code, count]) => `  refused ${code}: ${count}`),
    '',
    columns(calibration),
    '',
    columns(strategies),
    '',
  ].join('\n');
}

/** A sweep side by side: one column per value of the swept setting. */
export function renderSweepTable(param: string, rows: readonly { value: number; report: SimulationReport }[]): string {
  const figures = rows.map((row) => headline(row.report));
  const names = (figures[0] ?? []).map(([name]) => name);
  return `${columns([
    [param, ...rows.map((row) => String(row.value))],
    ...names.map((name, index) => [name, ...figures.map((figure) => figure[index]?.[1] ?? '')]),
  ])}\n`;
}

const csvCell = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);

/** One header line and one line per report; `leading` adds named columns (the swept value) before the figures. */
export function renderCsv(reports: readonly { leading?: [string, string][]; report: SimulationReport }[]): string {
  const lines = reports.map(({ leading = [], report }) => [...leading, ...headline(report)]);
  const header = (lines[0] ?? []).map(([name]) => name);
  return `${[header, ...lines.map((line) => line.map(([, value]) => value))].map((line) => line.map(csvCell).join(',')).join('\n')}\n`;
}

const SIZE = 400;
const MARGIN = 40;
const scale = (value: number) => MARGIN + value * (SIZE - 2 * MARGIN);

function frame(title: string, xLabel: string, body: string): string {
  const plot = SIZE - 2 * MARGIN;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}" font-family="sans-serif" font-size="11">`,
    `<title>${title}</title>`,
    `<rect x="${MARGIN}" y="${MARGIN}" width="${plot}" height="${plot}" fill="none" stroke="#888"/>`,
    `<text x="${SIZE / 2}" y="${MARGIN - 12}" text-anchor="middle" font-size="13">${title}</text>`,
    `<text x="${SIZE / 2}" y="${SIZE - 10}" text-anchor="middle">${xLabel}</text>`,
    `<text x="12" y="${SIZE / 2}" text-anchor="middle" transform="rotate(-90 12 ${SIZE / 2})">probability of YES</text>`,
    body,
    '</svg>',
    '',
  ].join('\n');
}

const y = (probability: number) => (SIZE - scale(probability)).toFixed(1);

/** Probability paths of the first `limit` markets, each ending where its hidden truth is marked. */
export function renderPathsSvg(report: SimulationReport, limit = 20): string {
  const shown = report.markets.slice(0, limit);
  const longest = Math.max(1, ...shown.map((market) => market.path.length - 1));
  const x = (step: number) => scale(step / longest).toFixed(1);
  const body = shown.map((market, index) => {
    const hue = Math.round((index * 360) / Math.max(1, shown.length));
    const points = market.path.map((probability, step) => `${x(step)},${y(probability)}`).join(' ');
    return `<polyline fill="none" stroke="hsl(${hue} 70% 45%)" stroke-width="1.2" points="${points}"/>` +
      `<circle cx="${x(market.path.length - 1)}" cy="${y(market.truth)}" r="2.5" fill="hsl(${hue} 70% 45%)"/>`;
  });
  return frame(`Probability paths (${shown.length} markets; dots: hidden truth)`, 'accepted trade', body.join('\n'));
}

/** Observed YES share against mean forecast per decile; the diagonal is perfect calibration. */
export function renderCalibrationSvg(report: SimulationReport): string {
  const x = (probability: number) => scale(probability).toFixed(1);
  const buckets = report.calibration.deciles.filter((bucket) => bucket.markets > 0);
  const body = [
    `<line x1="${x(0)}" y1="${y(0)}" x2="${x(1)}" y2="${y(1)}" stroke="#bbb" stroke-dasharray="4 3"/>`,
    `<polyline fill="none" stroke="#1f77b4" stroke-width="1.5" points="${buckets.map((bucket) => `${x(bucket.meanForecast ?? 0)},${y(bucket.observedYes ?? 0)}`).join(' ')}"/>`,
    ...buckets.map((bucket) =>
      `<circle cx="${x(bucket.meanForecast ?? 0)}" cy="${y(bucket.observedYes ?? 0)}" r="${(2 + Math.sqrt(bucket.markets)).toFixed(1)}" fill="#1f77b4" fill-opacity="0.6"/>`),
  ];
  return frame('Calibration by decile (area: markets)', 'final market probability', body.join('\n'));
}
