// Row decoding (docs/performance.md#row-decoding): Drizzle's mapping of a selected `markets` row, as postgres.js hands
// it over (int8 and timestamps as text), against the least any mapping does: each column's own decoder in a loop.
import * as drizzle from 'drizzle-orm';
import { getTableColumns, type Column } from 'drizzle-orm';
import { Bench } from 'tinybench';
import { markets } from '../src/drizzle/schema.ts';

interface SelectedField {
  path: string[];
  field: unknown;
}

// Drizzle's own row mapping, exported at run time but left out of its type declarations.
const { mapResultRow, orderSelectedFields } = drizzle as unknown as {
  mapResultRow(fields: SelectedField[], row: unknown[]): unknown;
  orderSelectedFields(fields: Record<string, unknown>): SelectedField[];
};

export interface RowDecodingFigures {
  columns: number;
  decodersOnlyNs: number;
  drizzleNs: number;
}

/** A typical row: optional columns empty (not yet approved, rejected or resolved), int8 and times as text. */
function driverValue(column: Column): unknown {
  if (!column.notNull) return null;
  const type = column.getSQLType();
  if (type.startsWith('bigint')) return '1234567';
  if (type.startsWith('timestamp')) return '2026-12-08 00:38:13.15+00';
  if (type === 'integer') return 0;
  if (type === 'double precision') return 0.5;
  return 'text of a market row';
}

export async function runRowDecodingBench(): Promise<RowDecodingFigures> {
  const fields = orderSelectedFields(getTableColumns(markets));
  const columns = fields.map(({ field }) => field as Column);
  const row = columns.map(driverValue);
  let sink = 0;
  const bench = new Bench({ time: 2_000, warmupTime: 500 });
  bench.add('decoders only', () => {
    const decoded: unknown[] = [];
    for (let index = 0; index < columns.length; index++) decoded.push((columns[index] as Column).mapFromDriverValue(row[index]));
    sink += decoded.length;
  });
  bench.add('drizzle', () => {
    sink += Object.keys(mapResultRow(fields, row) as object).length;
  });
  await bench.run();
  const meanNs = (name: string) => {
    const result = bench.tasks.find((task) => task.name === name)?.result;
    if (result?.state !== 'completed') throw new Error(`benchmark ${name} did not complete`);
    return result.latency.mean * 1e6;
  };
  if (sink === 0) throw new Error('nothing was decoded');
  return { columns: columns.length, decodersOnlyNs: meanNs('decoders only'), drizzleNs: meanNs('drizzle') };
}
