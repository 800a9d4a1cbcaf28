// Public entry of @socialpredict/api, loaded by the CLI's `serve` only: the API's boot on the shared runtime.
export { startApi, type ApiProcess } from './start-api.ts';
export { answerClusterMetrics } from './cluster-metrics.ts';
