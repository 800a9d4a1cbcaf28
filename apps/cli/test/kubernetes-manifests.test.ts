// deploy/kubernetes (docs/operations.md#kubernetes): every manifest validated offline against the Kubernetes OpenAPI
// schemas through the kubernetes-models typed models, and checked against the code it deploys — probe paths the
// API serves, CLI commands that exist, settings the configuration loader accepts in production.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Secret, Service } from 'kubernetes-models/v1';
import { EnvSchema, loadConfig } from '@socialpredict/config';
import { COMMANDS } from '../src/commands/index.ts';
import { REPOSITORY_ROOT } from './support/cli-process.ts';

const FOLDER = join(REPOSITORY_ROOT, 'deploy/kubernetes');

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  [field: string]: unknown;
}

/** The typed model of each kind deployed; validate() throws on anything the Kubernetes schema refuses. */
const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  'apps/v1 Deployment': Deployment,
  'autoscaling/v2 HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'batch/v1 Job': Job,
  'policy/v1 PodDisruptionBudget': PodDisruptionBudget,
  'v1 ConfigMap': ConfigMap,
  'v1 Secret': Secret,
  'v1 Service': Service,
};

function validate(manifest: Manifest): void {
  const Model = MODELS[`${manifest.apiVersion} ${manifest.kind}`];
  if (Model === undefined) throw new Error(`no schema model for ${manifest.apiVersion} ${manifest.kind}`);
  new Model(manifest as never).validate();
}

const files = readdirSync(FOLDER).filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml');
const manifests: Manifest[] = files.flatMap((file) =>
  parseAllDocuments(readFileSync(join(FOLDER, file), 'utf8')).map((document) => document.toJS() as Manifest),
);
const byKind = (kind: string, name: string): Manifest => {
  const found = manifests.find((manifest) => manifest.kind === kind && manifest.metadata.name === name);
  if (found === undefined) throw new Error(`no ${kind} ${name}`);
  return found;
};

interface Container {
  command?: string[];
  args?: string[];
  env?: { name: string; value?: string }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  livenessProbe?: { httpGet?: { path: string } };
  readinessProbe?: { httpGet?: { path: string } };
  lifecycle?: { preStop?: unknown };
}
const containerOf = (manifest: Manifest): Container => {
  const spec = manifest.spec as { template: { spec: { containers: Container[] } } };
  const [container] = spec.template.spec.containers;
  if (container === undefined) throw new Error(`${manifest.metadata.name} has no container`);
  return container;
};

describe('deploy/kubernetes manifests', () => {
  it('are all valid against the Kubernetes schemas', () => {
    expect(manifests.map((manifest) => `${manifest.kind}/${manifest.metadata.name}`).sort()).toEqual([
      'ConfigMap/socialpredict-config',
      'Deployment/socialpredict-api',
      'Deployment/socialpredict-worker',
      'HorizontalPodAutoscaler/socialpredict-api',
      'Job/socialpredict-migrate',
      'PodDisruptionBudget/socialpredict-api',
      'Secret/socialpredict-secrets',
      'Service/socialpredict-api',
    ]);
    for (const manifest of manifests) expect(() => validate(manifest), `${manifest.kind} ${manifest.metadata.name}`).not.toThrow();
  });

  it('refuses a manifest the schema does not allow (the validation is real)', () => {
    const api = byKind('Deployment', 'socialpredict-api');
    const spec = api.spec as Record<string, unknown>;
    expect(() => validate({ ...api, spec: { ...spec, replicas: 'two' } })).toThrow();
    expect(() => validate({ ...api, spec: { ...spec, selector: undefined } })).toThrow();
    const hpa = byKind('HorizontalPodAutoscaler', 'socialpredict-api');
    expect(() => validate({ ...hpa, spec: { ...(hpa.spec as object), maxReplicas: 'ten' } })).toThrow();
    const service = byKind('Service', 'socialpredict-api');
    expect(() => validate({ ...service, spec: { ...(service.spec as object), ports: [{ name: 'http' }] } })).toThrow();
  });

  it('lists every manifest but the migration Job in the kustomization', () => {
    const kustomization = parseAllDocuments(readFileSync(join(FOLDER, 'kustomization.yaml'), 'utf8'))[0]?.toJS() as { resources: string[] };
    expect(kustomization.resources.toSorted()).toEqual(files.filter((file) => file !== 'migrate-job.yaml').toSorted());
  });

  it('probes the API on the paths it serves and drains before SIGTERM', () => {
    const api = containerOf(byKind('Deployment', 'socialpredict-api'));
    expect(api.livenessProbe?.httpGet?.path).toBe('/health');
    expect(api.readinessProbe?.httpGet?.path).toBe('/readyz');
    expect(api.lifecycle?.preStop).toBeDefined();
    const routes = readFileSync(join(REPOSITORY_ROOT, 'apps/api/src/routes/ops.route.ts'), 'utf8');
    expect(routes).toContain("'/health'");
    expect(routes).toContain("'/readyz'");
  });

  it('runs CLI commands that exist: serve, worker, and migrate then seed in the Job', () => {
    const names = new Set(COMMANDS.map((command) => command.name));
    expect(containerOf(byKind('Deployment', 'socialpredict-api')).args).toEqual(['serve']);
    expect(containerOf(byKind('Deployment', 'socialpredict-worker')).args).toEqual(['worker']);
    const job = containerOf(byKind('Job', 'socialpredict-migrate'));
    const script = job.args?.join(' ') ?? '';
    const invoked = [...script.matchAll(/main\.js (\S+)/g)].map((match) => match[1]);
    expect(invoked).toEqual(['migrate', 'seed']);
    for (const name of ['serve', 'worker', ...invoked]) expect(names.has(name ?? ''), name).toBe(true);
    expect(job.env).toContainEqual({ name: 'STARTUP_WRITER', value: 'true' });
  });

  it('configures settings the production loader accepts, secrets in the Secret only', () => {
    const config = (byKind('ConfigMap', 'socialpredict-config').data ?? {}) as Record<string, string>;
    const secrets = (byKind('Secret', 'socialpredict-secrets').stringData ?? {}) as Record<string, string>;
    const known = new Set(Object.keys(EnvSchema.properties));
    for (const key of [...Object.keys(config), ...Object.keys(secrets)]) expect(known.has(key), key).toBe(true);
    const secretKeys = Object.entries(EnvSchema.properties as Record<string, { secret?: boolean }>)
      .filter(([, schema]) => schema.secret === true)
      .map(([key]) => key);
    for (const key of Object.keys(config)) expect(secretKeys, `${key} belongs in the Secret`).not.toContain(key);
    for (const container of ['socialpredict-api', 'socialpredict-worker']) {
      const refs = containerOf(byKind('Deployment', container)).envFrom ?? [];
      expect(refs).toEqual([{ configMapRef: { name: 'socialpredict-config' } }, { secretRef: { name: 'socialpredict-secrets' } }]);
    }
    const loaded = loadConfig({ ...config, ...secrets }, { cwd: REPOSITORY_ROOT });
    expect(loaded.ok ? [] : loaded.issues).toEqual([]);
  });
});
