// What the adapters report about their own work (DB-9, MON-3) without depending on a logger or a metrics library:
// every operation's duration goes to a DatabaseObserver, and the pool figures are derived from the operations in
// flight. This runs on every query of the bet path, so it only reads the clock and counts.

/** Implemented by the composition root (pino and prom-client in the API); called on every operation, so O(1). */
export interface DatabaseObserver {
  /** Every adapter operation, successful or not. `operation` is the adapter's operation name, never SQL or ids. */
  operationFinished(operation: string, seconds: number): void;
  /** An operation that took at least `slowQueryMs` (DB-9); called once, after `operationFinished`. */
  slowOperation(operation: string, seconds: number, failed: boolean): void;
}

/** For databases opened without an observer (tests, one-shot CLI commands): the figures are still kept. */
export const UNOBSERVED: DatabaseObserver = {
  operationFinished: () => undefined,
  slowOperation: () => undefined,
};

/**
 * The pool as far as the adapters can tell: postgres.js publishes no pool statistics. An operation outside a
 * transaction, or a transaction, claims one connection from start to end; the operations inside a transaction run on
 * its connection. `inUse` is the claims up to the pool size, `idle` the rest of the pool (connections the driver has
 * not opened yet included: it opens them on demand), `waiting` the claims beyond the pool size, which queue in the
 * driver, and `waits` counts the claims made while every connection was taken. Sessions reserved outside the
 * operations (the connect and readiness pings) are not counted.
 */
export interface PoolFigures {
  inUse: number;
  idle: number;
  waiting: number;
  waits: number;
}

export class PoolUsage {
  readonly #size: number;
  #claims = 0;
  #waits = 0;

  constructor(size: number) {
    this.#size = size;
  }

  claim(): void {
    if (this.#claims >= this.#size) this.#waits += 1;
    this.#claims += 1;
  }

  release(): void {
    this.#claims -= 1;
  }

  figures(): PoolFigures {
    const inUse = Math.min(this.#claims, this.#size);
    return { inUse, idle: this.#size - inUse, waiting: this.#claims - inUse, waits: this.#waits };
  }
}

/** Where operations run: on a pooled connection each (with a pool to count) or inside a transaction (without). */
export class OperationScope {
  readonly #observer: DatabaseObserver;
  readonly #slowQueryMs: number;
  readonly #pool: PoolUsage | null;
  /** The scope of the operations inside a transaction: same observer, no connection claims of their own. */
  readonly inTransaction: OperationScope;

  constructor(observer: DatabaseObserver, slowQueryMs: number, pool: PoolUsage | null) {
    this.#observer = observer;
    this.#slowQueryMs = slowQueryMs;
    this.#pool = pool;
    this.inTransaction = pool === null ? this : new OperationScope(observer, slowQueryMs, null);
  }

  /** Runs one named operation: timed, reported, and counted against the pool while it runs. */
  async run<T>(operation: string, work: () => PromiseLike<T>): Promise<T> {
    this.#pool?.claim();
    const started = performance.now();
    let failed = true;
    try {
      const value = await work();
      failed = false;
      return value;
    } finally {
      this.#pool?.release();
      const milliseconds = performance.now() - started;
      this.#observer.operationFinished(operation, milliseconds / 1000);
      if (milliseconds >= this.#slowQueryMs) this.#observer.slowOperation(operation, milliseconds / 1000, failed);
    }
  }

  /** A transaction holds one pooled connection from BEGIN to COMMIT or ROLLBACK. */
  async hold<T>(work: () => Promise<T>): Promise<T> {
    this.#pool?.claim();
    try {
      return await work();
    } finally {
      this.#pool?.release();
    }
  }
}
