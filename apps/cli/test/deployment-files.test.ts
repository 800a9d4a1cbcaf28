// DEP-4: the Dockerfile and the compose file carry the keys the deployment relies on. No Docker engine runs here, so
// the files are parsed and checked instead of built.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPOSITORY_ROOT } from './support/cli-process.ts';
import { parseYaml } from './support/yaml.ts';

interface Instruction {
  keyword: string;
  args: string;
}

/** Dockerfile instructions with continuation lines joined and comments dropped. */
function dockerInstructions(text: string): Instruction[] {
  const joined = text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n')
    .replace(/\\\n/g, ' ');
  return joined
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const [keyword = '', ...rest] = line.split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
}

const dockerfile = dockerInstructions(readFileSync(join(REPOSITORY_ROOT, 'docker/Dockerfile'), 'utf8'));
const args = (keyword: string) => dockerfile.filter((instruction) => instruction.keyword === keyword).map((instruction) => instruction.args);

/** The instructions of one build stage, by its `AS` name. */
function stage(name: string): Instruction[] {
  const start = dockerfile.findIndex((instruction) => instruction.keyword === 'FROM' && new RegExp(`\\sAS\\s+${name}$`, 'i').test(instruction.args));
  if (start < 0) throw new Error(`the Dockerfile has no stage ${name}`);
  const end = dockerfile.findIndex((instruction, index) => index > start && instruction.keyword === 'FROM');
  return dockerfile.slice(start, end < 0 ? undefined : end);
}
const stageArgs = (name: string, keyword: string) => stage(name).filter((instruction) => instruction.keyword === keyword).map((instruction) => instruction.args);
const argDefault = (name: string) => args('ARG').find((arg) => arg.startsWith(`${name}=`))?.slice(name.length + 1);

const rootManifest = JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'package.json'), 'utf8')) as { packageManager?: string };

describe('docker/Dockerfile', () => {
  it('is multi-stage on node:24-bookworm-slim', () => {
    const stages = args('FROM');
    expect(stages.length).toBeGreaterThanOrEqual(3);
    expect(args('ARG')).toContain('NODE_IMAGE=node:24-bookworm-slim');
    const bases = stages.map((stage) => stage.split(/\s+/)[0]);
    const ownStages = new Set(stages.map((stage) => stage.split(/\s+AS\s+/i)[1]));
    expect(bases.every((base) => base === '${NODE_IMAGE}' || ownStages.has(base))).toBe(true);
  });

  it('fetches the packages in a layer keyed by the lockfile alone, then installs offline from it', () => {
    expect(stageArgs('fetch', 'COPY')).toEqual(['pnpm-lock.yaml pnpm-workspace.yaml ./']);
    expect(stageArgs('fetch', 'RUN')).toEqual([expect.stringMatching(/^pnpm fetch --store-dir=(\S+)$/)]);
    const store = /--store-dir=(\S+)/.exec(stageArgs('fetch', 'RUN')[0] ?? '')?.[1];
    expect(stageArgs('build', 'FROM')[0]).toMatch(/^fetch AS build$/i);
    expect(stageArgs('build', 'RUN')[0]).toContain(`pnpm install --offline --frozen-lockfile --store-dir=${store}`);
    expect(stageArgs('deps', 'FROM')[0]).toMatch(/^fetch AS deps$/i);
    expect(stageArgs('deps', 'RUN')).toEqual([`pnpm install --prod --offline --frozen-lockfile --store-dir=${store}`]);
  });

  it('copies only manifests and dependency patches into the production install, one manifest for every workspace package', () => {
    const copies = stageArgs('deps', 'COPY');
    // The patches of pnpm-workspace.yaml's patchedDependencies are applied by the install itself.
    expect(copies.filter((copy) => !/^(\S+\/)?package\.json /.test(copy))).toEqual(['patches patches/']);
    const workspaces = ['packages', 'apps'].flatMap((folder) =>
      readdirSync(join(REPOSITORY_ROOT, folder), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => `${folder}/${entry.name}`),
    );
    for (const workspace of workspaces) expect(copies, workspace).toContain(`${workspace}/package.json ${workspace}/`);
  });

  it('installs the pnpm of the packageManager pin, which the toolchain script reads too', () => {
    expect(rootManifest.packageManager).toMatch(/^pnpm@\d+\.\d+\.\d+$/);
    expect(`pnpm@${argDefault('PNPM_VERSION')}`).toBe(rootManifest.packageManager);
    const toolchain = readFileSync(join(REPOSITORY_ROOT, 'scripts/toolchain.sh'), 'utf8');
    expect(toolchain).toMatch(/PNPM_VERSION=.*packageManager.*package\.json/);
  });

  it('ships tini and the PostgreSQL client tools of the compose server in the runtime stage', () => {
    const install = stageArgs('runtime', 'RUN').join(' ');
    expect(install).toMatch(/apt-get install .*\btini\b/);
    expect(install).toContain('"postgresql-client-${PG_CLIENT_MAJOR}"');
    expect(`postgres:${argDefault('PG_CLIENT_MAJOR')}`).toBe(service('postgres').image);
    expect(install).toContain('rm -rf /var/lib/apt/lists/*');
  });

  it('runs as a non-root user', () => {
    const users = args('USER');
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
  });

  it('checks /health and starts the one CLI entry with serve under tini', () => {
    expect(args('HEALTHCHECK').join(' ')).toContain('/health');
    const entrypoint = JSON.parse(args('ENTRYPOINT').at(-1) ?? '[]') as string[];
    const command = JSON.parse(args('CMD').at(-1) ?? '[]') as string[];
    expect([...entrypoint, ...command]).toEqual(['tini', '--', 'node', 'apps/cli/dist/main.js', 'serve']);
    expect(args('STOPSIGNAL')).toEqual(['SIGTERM']);
  });
});

interface Service {
  image?: string;
  entrypoint?: string[];
  profiles?: string[];
  command?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  stop_grace_period?: string;
  restart?: string;
}

const compose = parseYaml(readFileSync(join(REPOSITORY_ROOT, 'docker/compose.yaml'), 'utf8')) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const service = (name: string): Service => {
  const found = compose.services[name];
  if (found === undefined) throw new Error(`compose.yaml has no service ${name}`);
  return found;
};

describe('docker/compose.yaml', () => {
  it('runs PostgreSQL 16 with a pg_isready healthcheck and a named volume', () => {
    const postgres = service('postgres');
    expect(postgres.image).toMatch(/^postgres:16(\b|$)/);
    expect(postgres.healthcheck?.test.join(' ')).toContain('pg_isready');
    const [volume] = postgres.volumes ?? [];
    expect(volume?.split(':')[1]).toBe('/var/lib/postgresql/data');
    expect(compose.volumes).toHaveProperty(volume!.split(':')[0]!);
  });

  it('runs Redis 7 and points the application at it', () => {
    expect(service('redis').image).toMatch(/^redis:7(\b|$)/);
    expect(service('api').environment?.REDIS_URL).toBe('redis://redis:6379');
  });

  it('migrates once with a one-shot writer service after PostgreSQL is healthy', () => {
    const migrate = service('migrate');
    expect(migrate.command?.join(' ')).toMatch(/main\.js migrate/);
    expect(migrate.entrypoint?.slice(0, 2)).toEqual(['tini', '--']);
    expect(migrate.restart).toBe('no');
    expect(migrate.environment?.STARTUP_WRITER).toBe('true');
    expect(migrate.depends_on?.postgres?.condition).toBe('service_healthy');
  });

  it('starts the API as a non-writer only after migrate completed, with a 20 s grace period', () => {
    const api = service('api');
    expect(api.command).toEqual(['serve']);
    expect(api.environment?.STARTUP_WRITER).toBe('false');
    expect(api.depends_on?.migrate?.condition).toBe('service_completed_successfully');
    expect(api.stop_grace_period).toBe('20s');
  });

  it('offers nginx for the web app behind the optional web profile', () => {
    const web = service('web');
    expect(web.profiles).toEqual(['web']);
    expect(web.image).toMatch(/^nginx:/);
    const nginx = readFileSync(join(REPOSITORY_ROOT, 'docker/nginx.conf'), 'utf8');
    // The trailing slash of proxy_pass strips the /api/ prefix.
    expect(nginx).toMatch(/location \/api\/ \{\s+proxy_pass http:\/\/api:8080\/;/);
  });
});
