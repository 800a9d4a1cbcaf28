import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderConfigReference, renderEnvExample } from './config-reference.ts';
import { ENV_GROUPS, ENV_KEYS, envKeySchema } from './env.schema.ts';
import { loadConfig } from './load-config.ts';

const repositoryFile = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

describe('configuration reference', () => {
  it('describes every setting in exactly one section', () => {
    expect(ENV_GROUPS.flatMap((group) => group.keys).toSorted()).toEqual(ENV_KEYS.toSorted());
    expect(ENV_KEYS.filter((key) => !envKeySchema(key).description)).toEqual([]);
  });

  it('docs/configuration.md is what `pnpm config:docs` renders from the schema', () => {
    expect(repositoryFile('docs/configuration.md')).toBe(renderConfigReference());
  });

  it('.env.example is what `pnpm config:docs` renders from the schema', () => {
    expect(repositoryFile('.env.example')).toBe(renderEnvExample());
  });

  it('renders type, range, default, profile defaults and secrecy', () => {
    const reference = renderConfigReference();
    expect(reference).toContain('| `BACKEND_PORT` | integer 0–65535 | `8080` | — |');
    expect(reference).toContain('| `DB_REQUIRE_TLS` | boolean | `false` | staging, production: `true` |');
    expect(reference).toContain('| `CORS_ALLOW_ORIGINS` | string | — | development, test: `*` |');
    expect(reference).toContain('| `DATABASE_URL` | string, secret | — | — |');
    expect(reference).toContain('| `LOG_LEVEL` | `trace`, `debug`, `info`, `warn`, `error`, `fatal`, `silent` | `info` | development: `debug` |');
  });

  it('.env.example, uncommented, is a configuration the loader accepts with the documented defaults', () => {
    const env = Object.fromEntries(
      [...renderEnvExample().matchAll(/^# ([A-Z_]+)=(.*)$/gm)].map(([, key = '', value = '']) => [key, value.replace(/^"(.*)"$/, '$1')]),
    );
    expect(Object.keys(env).toSorted()).toEqual(ENV_KEYS.toSorted());
    const result = loadConfig({ ...env, PGLITE_DATA_DIR: 'memory://' });
    expect(result.ok).toBe(true);
    expect(result.ok && result.config.security.frameAncestors).toBe("'none'");
  });
});
