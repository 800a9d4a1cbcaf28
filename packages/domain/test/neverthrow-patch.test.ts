// patches/neverthrow@8.2.0.patch replaces ResultAsync's down-levelled async helpers with native async functions and a
// native async generator (docs/performance.md#neverthrow-native-async). These pin what the use cases rely on.
import { err, errAsync, ok, okAsync, ResultAsync, safeTry } from 'neverthrow';
import { describe, expect, it } from 'vitest';

describe('patched neverthrow', () => {
  it('iterates a ResultAsync with a native async generator', () => {
    const iterate = ResultAsync.prototype[Symbol.asyncIterator];
    expect(Object.getPrototypeOf(iterate).constructor.name).toBe('AsyncGeneratorFunction');
  });

  it('safeTry returns the body result and stops at the first error', async () => {
    const reached: string[] = [];
    const passing = await safeTry(async function* () {
      const a = yield* okAsync(2);
      const b = yield* ok(a * 10);
      reached.push('end of passing body');
      return ok(a + b);
    });
    expect(passing._unsafeUnwrap()).toBe(22);

    const failing = await safeTry(async function* () {
      yield* okAsync(1);
      yield* errAsync<number, string>('refused');
      reached.push('after the error');
      return ok(0);
    });
    expect(failing._unsafeUnwrapErr()).toBe('refused');
    expect(reached).toEqual(['end of passing body']);
  });

  it('keeps map, mapErr, andThrough, andTee, orTee and orElse behaviour with async callbacks', async () => {
    const doubled = await okAsync(4).map(async (value) => value * 2);
    expect(doubled._unsafeUnwrap()).toBe(8);
    const relabelled = await errAsync('a').mapErr(async (error) => `${error}!`);
    expect(relabelled._unsafeUnwrapErr()).toBe('a!');

    const throughFailure = await okAsync(1).andThrough(() => errAsync('checked'));
    expect(throughFailure._unsafeUnwrapErr()).toBe('checked');
    const throughSuccess = await okAsync(1).andThrough(() => okAsync('ignored'));
    expect(throughSuccess._unsafeUnwrap()).toBe(1);

    const teed = await okAsync(3).andTee(async () => {
      throw new Error('a tee does not care');
    });
    expect(teed._unsafeUnwrap()).toBe(3);
    const seen: string[] = [];
    const orTeed = await errAsync('lost').orTee(async (error) => {
      seen.push(error);
    });
    expect(orTeed._unsafeUnwrapErr()).toBe('lost');
    expect(seen).toEqual(['lost']);

    const recovered = await errAsync<number, string>('missing').orElse(() => ok(7));
    expect(recovered._unsafeUnwrap()).toBe(7);
    const untouched = await okAsync<number, string>(5).orElse(() => err('never'));
    expect(untouched._unsafeUnwrap()).toBe(5);
  });

  it('fromThrowable turns a rejection into an error and a value into ok', async () => {
    const parse = ResultAsync.fromThrowable(
      async (text: string) => {
        if (text === '') throw new Error('empty');
        return text.length;
      },
      (error) => (error as Error).message,
    );
    expect((await parse('four'))._unsafeUnwrap()).toBe(4);
    expect((await parse(''))._unsafeUnwrapErr()).toBe('empty');
  });
});
