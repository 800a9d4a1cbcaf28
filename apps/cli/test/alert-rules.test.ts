// MON-4: the alert rules parse, cover every alert the requirement lists, link their runbooks, and reference only
// metrics the application exports (MON-3 plus prom-client's Node defaults) or that Prometheus itself records; the
// Grafana dashboard beside them queries only those metrics too.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPOSITORY_ROOT } from './support/cli-process.ts';
import { parseYaml } from './support/yaml.ts';

/** MON-3 (docs/operations.md#mon-3). */
const APP_METRICS = [
  'socialpredict_http_requests_total',
  'socialpredict_http_request_duration_seconds',
  'socialpredict_http_request_failures_total',
  'socialpredict_db_pool_connections',
  'socialpredict_db_pool_waits_total',
  'socialpredict_db_query_duration_seconds',
  'socialpredict_bets_placed_total',
  'socialpredict_sales_total',
  'socialpredict_sale_dust_credits_total',
  'socialpredict_markets_created_total',
  'socialpredict_markets_resolved_total',
  'socialpredict_users_created_total',
  'socialpredict_rate_limited_requests_total',
  'socialpredict_jobs_completed_total',
  'socialpredict_jobs_failed_total',
  'socialpredict_jobs_duration_seconds',
  'socialpredict_jobs_queue_depth',
  'socialpredict_readmodel_age_seconds',
  'socialpredict_ledger_integrity_violations',
  'socialpredict_write_follow_up_failures_total',
];
/** prom-client's collectDefaultMetrics names the alerts use. */
const NODE_DEFAULTS = [
  'socialpredict_process_resident_memory_bytes',
  'socialpredict_process_cpu_seconds_total',
  'socialpredict_nodejs_eventloop_lag_seconds',
  'socialpredict_nodejs_eventloop_lag_p99_seconds',
  'socialpredict_nodejs_heap_size_used_bytes',
];
/** Recorded by Prometheus for every scrape target, by the blackbox exporter probing /readyz, and for firing alerts. */
const SCRAPE_METRICS = ['up', 'probe_success', 'ALERTS'];
const KNOWN_METRICS = new Set([...APP_METRICS, ...NODE_DEFAULTS, ...SCRAPE_METRICS]);
const unknownMetrics = (expr: string) => metricNames(expr).filter((name) => !KNOWN_METRICS.has(name.replace(HISTOGRAM_SUFFIXES, '')));
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
  annotations: { summary: string; runbook_url?: string };
}

const operationsDoc = readFileSync(join(REPOSITORY_ROOT, 'docs/operations.md'), 'utf8');
const rules = (
  parseYaml(readFileSync(join(REPOSITORY_ROOT, 'docs/ops/alerts.yaml'), 'utf8')) as { groups: { name: string; rules: Rule[] }[] }
).groups.flatMap((group) => group.rules);

describe('docs/ops/alerts.yaml', () => {
  it('finds metric names in PromQL', () => {
    expect(metricNames('sum by (le) (rate(socialpredict_http_request_duration_seconds_bucket{route="/x"}[5m])) / clamp_min(up, 1e-9) > 0.5')).toEqual([
      'socialpredict_http_request_duration_seconds_bucket',
      'up',
    ]);
  });

  it('references only metrics that are exported or recorded by Prometheus', () => {
    for (const rule of rules) expect(unknownMetrics(rule.expr), rule.alert).toEqual([]);
  });

  it('covers every alert of MON-4 with a severity and a summary', () => {
    const byMetric = (metric: string) => rules.filter((rule) => metricNames(rule.expr).some((name) => name.startsWith(metric)));
    expect(byMetric('up').length).toBeGreaterThan(0);
    expect(byMetric('probe_success')[0]?.for).toBe('2m');
    expect(byMetric('socialpredict_http_requests_total').find((rule) => rule.expr.includes('5..'))?.labels.severity).toBe('critical');
    expect(byMetric('socialpredict_http_request_duration_seconds')[0]?.labels.severity).toBe('warning');
    expect(byMetric('socialpredict_db_pool_connections')).toHaveLength(1);
    expect(byMetric('socialpredict_db_pool_waits_total')).toHaveLength(1);
    expect(byMetric('socialpredict_db_query_duration_seconds')).toHaveLength(1);
    expect(byMetric('socialpredict_process_resident_memory_bytes')[0]?.expr).toContain('1e9');
    expect(byMetric('socialpredict_ledger_integrity_violations')[0]?.labels.severity).toBe('critical');
    expect(byMetric('socialpredict_jobs_queue_depth')[0]?.expr).toContain('jobs.dead_letter');
    expect(byMetric('socialpredict_readmodel_age_seconds')).toHaveLength(1);
    expect(byMetric('socialpredict_markets_created_total')[0]?.expr).toContain('[24h]');
    expect(byMetric('socialpredict_bets_placed_total')[0]?.expr).toMatch(/> 100\b/);
    for (const rule of rules) {
      expect(['critical', 'warning', 'info'], rule.alert).toContain(rule.labels.severity);
      expect(rule.annotations.summary.length, rule.alert).toBeGreaterThan(10);
    }
  });

  it('links every alert to its own runbook anchor in docs/operations.md', () => {
    const anchors = rules.map((rule) => {
      const match = /^docs\/operations\.md#(runbook-[a-z0-9-]+)$/.exec(rule.annotations.runbook_url ?? '');
      expect(match, rule.alert).not.toBeNull();
      expect(operationsDoc, rule.alert).toContain(`<a id="${match?.[1]}"></a>`);
      return match?.[1];
    });
    expect(new Set(anchors).size).toBe(rules.length);
  });
});

interface Panel {
  title: string;
  type: string;
  targets?: { expr: string }[];
}

describe('docs/ops/grafana-dashboard.json', () => {
  const dashboard = JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'docs/ops/grafana-dashboard.json'), 'utf8')) as {
    uid: string;
    panels: Panel[];
    annotations: { list: { expr: string }[] };
  };
  const queries = dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => ({ panel: panel.title, expr: target.expr })));

  it('queries only exported metrics', () => {
    expect(queries.length).toBeGreaterThan(20);
    for (const { panel, expr } of [...queries, ...dashboard.annotations.list.map((a) => ({ panel: 'annotation', expr: a.expr }))]) {
      expect(unknownMetrics(expr), panel).toEqual([]);
    }
  });

  it('shows the golden signals and every business counter', () => {
    const used = new Set(queries.flatMap(({ expr }) => metricNames(expr).map((name) => name.replace(HISTOGRAM_SUFFIXES, ''))));
    expect(APP_METRICS.filter((metric) => !used.has(metric))).toEqual([]);
    expect(used).toContain('socialpredict_process_resident_memory_bytes');
  });
});
