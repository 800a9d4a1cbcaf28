// The cost of composing use cases with neverthrow (docs/performance.md#neverthrow-native-async): a `safeTry` body and
// an `andThen`/`map` chain of three asynchronous steps, against the same steps awaited by hand with `isErr` checks.
import { err, ok, okAsync, safeTry, type Result } from 'neverthrow';
import { Bench } from 'tinybench';

export interface ResultFlowFigures {
  handWrittenNs: number;
  safeTryNs: number;
  chainNs: number;
}

const step = (value: number) => okAsync<number, string>(value + 1);

async function handWritten(): Promise<Result<number, string>> {
  const a = await step(1);
  if (a.isErr()) return err(a.error);
  const b = await step(a.value);
  if (b.isErr()) return err(b.error);
  const c = await step(b.value);
  if (c.isErr()) return err(c.error);
  return ok(c.value + 1);
}

function withSafeTry() {
  return safeTry(async function* () {
    const a = yield* step(1);
    const b = yield* step(a);
    const c = yield* step(b);
    return ok(c + 1);
  });
}

const chained = () => step(1).andThen(step).andThen(step).map((c) => c + 1);

export async function runResultFlowBench(): Promise<ResultFlowFigures> {
  const bench = new Bench({ time: 1_000, warmupTime: 250 });
  bench.add('hand-written', async () => {
    await handWritten();
  });
  bench.add('safeTry', async () => {
    await withSafeTry();
  });
  bench.add('chain', async () => {
    await chained();
  });
  await bench.run();
  const meanNs = (name: string) => {
    const result = bench.tasks.find((task) => task.name === name)?.result;
    if (result?.state !== 'completed') throw new Error(`benchmark ${name} did not complete`);
    return result.latency.mean * 1e6;
  };
  return { handWrittenNs: meanNs('hand-written'), safeTryNs: meanNs('safeTry'), chainNs: meanNs('chain') };
}
