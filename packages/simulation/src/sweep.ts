// A sweep runs the same simulation (same seed, same agents) once per value of one economics setting, so the rows differ
// only by that setting: each row is exactly the report a separate run with that value would give.
import { economicsWith, type EconomicsOverrides } from './economics.ts';
import type { SimulationReport } from './metrics.ts';
import { runSimulation, type SimulationOptions } from './run.ts';

export interface SweepRow {
  readonly value: number;
  readonly report: SimulationReport;
}

export async function runSweep(
  options: Omit<SimulationOptions, 'economics'>,
  base: EconomicsOverrides,
  param: string,
  values: readonly number[],
): Promise<SweepRow[]> {
  const rows: SweepRow[] = [];
  for (const value of values) {
    rows.push({ value, report: await runSimulation({ ...options, economics: economicsWith({ ...base, [param]: value }) }) });
  }
  return rows;
}
