// Public entry of @socialpredict/jobs: the pg-boss runner, the JOB-3 handlers and the ports they need.
export * from './job-ports.ts';
export * from './job-metrics.ts';
export * from './queues.ts';
export * from './runner/job-runner.ts';
export * from './job-handlers.ts';
export * from './ledger-integrity/ledger-integrity.job.ts';
export * from './market-close/market-close.job.ts';
export * from './market-notify/market-notify.job.ts';
export * from './idempotency-cleanup/idempotency-cleanup.job.ts';
export * from './readmodel-refresh/readmodel-refresh.job.ts';
export * from './global-read-models/global-read-models.reader.ts';
export * from './global-read-models/global-read-model.kinds.ts';
