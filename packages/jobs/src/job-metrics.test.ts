// The MON-3 job series are created with their exact names and labels and fed by the JobMetrics calls.
import { describe, expect, it } from 'vitest';
import { createJobMetrics, type MetricFactory } from './job-metrics.ts';

describe('createJobMetrics', () => {
  it('creates the MON-3 series and records into them', () => {
    const created: string[] = [];
    const samples: string[] = [];
    const series = (kind: string) => (name: string, _help: string, labelNames: string[]) => {
      created.push(`${kind} ${name}{${labelNames.join(',')}}`);
      const record = (labels: Record<string, string>, value = 1) => void samples.push(`${name}${JSON.stringify(labels)} ${value}`);
      return { inc: record, set: record, observe: record };
    };
    const factory: MetricFactory = { counter: series('counter'), gauge: series('gauge'), histogram: series('histogram') };
    const metrics = createJobMetrics(factory);
    expect(created).toEqual([
      'counter socialpredict_jobs_completed_total{queue}',
      'counter socialpredict_jobs_failed_total{queue}',
      'histogram socialpredict_jobs_duration_seconds{queue}',
      'gauge socialpredict_jobs_queue_depth{queue,state}',
      'gauge socialpredict_readmodel_age_seconds{kind}',
      'gauge socialpredict_ledger_integrity_violations{}',
    ]);

    metrics.jobCompleted('market.close', 0.2);
    metrics.jobFailed('market.notify', 0.1);
    metrics.queueDepth('jobs.dead_letter', 'queued', 2);
    metrics.readModelAge('system_metrics', 30);
    metrics.integrityViolations(0);
    expect(samples).toEqual([
      'socialpredict_jobs_completed_total{"queue":"market.close"} 1',
      'socialpredict_jobs_duration_seconds{"queue":"market.close"} 0.2',
      'socialpredict_jobs_failed_total{"queue":"market.notify"} 1',
      'socialpredict_jobs_duration_seconds{"queue":"market.notify"} 0.1',
      'socialpredict_jobs_queue_depth{"queue":"jobs.dead_letter","state":"queued"} 2',
      'socialpredict_readmodel_age_seconds{"kind":"system_metrics"} 30',
      'socialpredict_ledger_integrity_violations{} 0',
    ]);
  });
});
