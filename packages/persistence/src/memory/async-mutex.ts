// A FIFO mutex with a bounded wait: the in-memory stand-in for row locks and `lock_timeout` (DB-6 (docs/architecture.md#db-6)).

export type Release = () => void;

interface Waiter {
  readonly grant: (release: Release) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

export class AsyncMutex {
  #locked = false;
  readonly #waiters: Waiter[] = [];

  /** Resolves with a release function, or with `null` when the lock was not granted within `timeoutMs`. */
  acquire(timeoutMs: number): Promise<Release | null> {
    if (!this.#locked) {
      this.#locked = true;
      return Promise.resolve(this.#releaser());
    }
    return new Promise((resolve) => {
      const waiter: Waiter = {
        grant: resolve,
        timer: setTimeout(() => {
          this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
          resolve(null);
        }, timeoutMs),
      };
      this.#waiters.push(waiter);
    });
  }

  #releaser(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiters.shift();
      if (next === undefined) {
        this.#locked = false;
        return;
      }
      clearTimeout(next.timer);
      next.grant(this.#releaser());
    };
  }
}
