// What the ops endpoints (docs/api.md#ops-endpoints, MON-1) may ask of the infrastructure; the composition root implements it.
export interface DbPoolStats {
  maxOpenConnections: number;
  openConnections: number;
  inUseConnections: number;
  idleConnections: number;
  waitCount: number;
  waitDurationNanoseconds: number;
  maxIdleClosedConnections: number;
  maxLifetimeClosedConnections: number;
}

export interface JobsStatus {
  enabled: boolean;
  queued: number;
  failed: number;
  deadLettered: number;
}

/** The probes' view of the database and the job runner. */
export interface OpsProbe {
  database: 'postgres' | 'pglite';
  /** DB-10's `SELECT 1`; rejects on failure or once `signal` aborts, leaving nothing behind for the next ping */
  ping(signal: AbortSignal): Promise<void>;
  poolStats(): DbPoolStats;
  jobs(): JobsStatus;
}
