// Process lifecycle as the probes see it (docs/api.md#ops-endpoints, DEP-1/DEP-2): ready only after startup finished and
// until draining begins; live until a fatal error is recorded.
export interface Lifecycle {
  readonly live: boolean;
  readonly ready: boolean;
  readonly closing: boolean;
  readonly startedAt: number;
  markReady(): void;
  beginDrain(): void;
  beginClose(): void;
  markFatal(): void;
}

export function createLifecycle(now: () => number = Date.now): Lifecycle {
  let started = false;
  let draining = false;
  let closing = false;
  let fatal = false;
  return {
    get live() {
      return !fatal;
    },
    get ready() {
      return started && !draining && !fatal;
    },
    get closing() {
      return closing;
    },
    startedAt: now(),
    markReady: () => {
      started = true;
    },
    beginDrain: () => {
      draining = true;
    },
    beginClose: () => {
      draining = true;
      closing = true;
    },
    markFatal: () => {
      fatal = true;
    },
  };
}
