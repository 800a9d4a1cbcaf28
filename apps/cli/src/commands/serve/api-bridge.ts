// The one place the CLI imports the API app: `serve` starts its boot. Loaded on demand, so no other command loads the
// HTTP stack; tests hand `serve` a fake bridge.
import type { AppConfig } from '@socialpredict/config';
import type { CliLogger } from '../../runtime/app-runtime.ts';

export interface ApiProcess {
  /** ERR-6: `/health` reports the process as not live from now on. */
  markFatal(): void;
  /** DEP-2 shutdown; resolves with the exit code. */
  shutdown(): Promise<number>;
}

/** A worker as the primary talks to it over IPC. */
export interface ClusterChannel {
  send(message: unknown): boolean;
}

export interface ApiBridge {
  /** The API's boot after configuration (DEP-1): resolves once it listens and readiness is open. */
  startApi(config: AppConfig, logger: CliLogger, holder: string): Promise<ApiProcess>;
  /** The cluster primary's answer to a worker's /metrics request (docs/operations.md#cluster); absent in fakes. */
  answerClusterMetrics?(readyWorkers: () => readonly ClusterChannel[]): (worker: ClusterChannel, message: unknown) => void;
}

export async function loadApiBridge(): Promise<ApiBridge> {
  const api = await import('@socialpredict/api');
  // The logger was made by the runtime's createLogger; the cast only restores its pino type.
  return {
    startApi: (config, logger, holder) => api.startApi(config, logger as Parameters<typeof api.startApi>[1], holder),
    answerClusterMetrics: api.answerClusterMetrics,
  };
}
