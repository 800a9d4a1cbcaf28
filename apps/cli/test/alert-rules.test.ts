// MON-4: the alert rules parse, cover every alert the requirement lists, and reference only metrics the
// application exports (MON-3 plus prom-client's Node defaults) or that Prometheus itself records.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPOSITORY_ROOT } from './support/cli-process.ts';
import { parseYaml } from './support/yaml.ts';

/** MON-3 (docs/operations.md#mon-3). */
const APP_METRICS = [
  'http_requests_total',
  'http_request_duration_seconds',
  'http_request_failures_total',
  'db_pool_connections',
  'db_pool_waits_total',
  'db_query_duration_seconds',
  'bets_placed_total',
  'sales_total',
  'sale_dust_credits_total',
  'markets_created_total',
  'markets_resolved_total',
  'users_created_total',
  'rate_limited_total',
  'jobs_completed_total',
  'jobs_failed_total',
  'job_duration_seconds',
  'job_queue_depth',
  'readmodel_age_seconds',
  'ledger_integrity_violations',
];
/** prom-client's collectDefaultMetrics names the alerts use. */
const NODE_DEFAULTS = ['process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds', 'nodejs_heap_size_used_bytes'];
/** Recorded by Prometheus for every scrape target, and by the blackbox exporter probing /readyz. */
const SCRAPE_METRICS = ['up', 'probe_success'];
const HISTOGRAM_SUFFIXES = /_(bucket|sum|count)$/;

const PROMQL_WORDS = new Set(['and', 'or', 'unless', 'bool', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'offset', 'le']);

/** Metric names of a PromQL expression: identifiers that are not functions, keywords, labels or durations. */
function metricNames(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = new Set<string>();
  for (const match of stripped.matchAll(/[A-Za-z_:][A-Za-z0-9_:]*/g)) {
    const name = match[0];
    const next = stripped.slice((match.index ?? 0) + name.length).trimStart();
    if (next.startsWith('(') || PROMQL_WORDS.has(name) || /^\d/.test(name)) continue;
    // Exponents of numbers such as 1e9 or 1e-9.
    if (/^e\d*$/.test(name) && /\d$/.test(stripped.slice(0, match.index).trimEnd())) continue;
    names.add(name);
  }
  return [...names];
}

interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels: { severity: string };
  annotations: { summary: string };
}

const rules = (
  parseYaml(readFileSync(join(REPOSITORY_ROOT, 'docs/ops/alerts.yaml'), 'utf8')) as { groups: { name: string; rules: Rule[] }[] }
).groups.flatMap((group) => group.rules);

describe('docs/ops/alerts.yaml', () => {
  it('finds metric names in PromQL', () => {
    expect(metricNames('sum by (le) (rate(http_request_duration_seconds_bucket{route="/x"}[5m])) / clamp_min(up, 1e-9) > 0.5')).toEqual([
      'http_request_duration_seconds_bucket',
      'up',
    ]);
  });

  it('references only metrics that are exported or recorded by Prometheus', () => {
    const known = new Set([...APP_METRICS, ...NODE_DEFAULTS, ...SCRAPE_METRICS]);
    for (const rule of rules) {
      const unknown = metricNames(rule.expr).filter((name) => !known.has(name.replace(HISTOGRAM_SUFFIXES, '')));
      expect(unknown, rule.alert).toEqual([]);
    }
  });

  it('covers every alert of MON-4 with a severity and a summary', () => {
    const byMetric = (metric: string) => rules.filter((rule) => metricNames(rule.expr).some((name) => name.startsWith(metric)));
    expect(byMetric('up').length).toBeGreaterThan(0);
    expect(byMetric('probe_success')[0]?.for).toBe('2m');
    expect(byMetric('http_requests_total').find((rule) => rule.expr.includes('5..'))?.labels.severity).toBe('critical');
    expect(byMetric('http_request_duration_seconds')[0]?.labels.severity).toBe('warning');
    expect(byMetric('db_pool_connections')).toHaveLength(1);
    expect(byMetric('db_pool_waits_total')).toHaveLength(1);
    expect(byMetric('db_query_duration_seconds')).toHaveLength(1);
    expect(byMetric('process_resident_memory_bytes')[0]?.expr).toContain('1e9');
    expect(byMetric('ledger_integrity_violations')[0]?.labels.severity).toBe('critical');
    expect(byMetric('job_queue_depth')[0]?.expr).toContain('jobs.dead_letter');
    expect(byMetric('readmodel_age_seconds')).toHaveLength(1);
    expect(byMetric('markets_created_total')[0]?.expr).toContain('[24h]');
    expect(byMetric('bets_placed_total')[0]?.expr).toMatch(/> 100\b/);
    for (const rule of rules) {
      expect(['critical', 'warning', 'info'], rule.alert).toContain(rule.labels.severity);
      expect(rule.annotations.summary.length, rule.alert).toBeGreaterThan(10);
    }
  });
});
