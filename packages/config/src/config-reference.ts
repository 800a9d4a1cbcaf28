// docs/configuration.md and .env.example, rendered from the env schema so neither can drift from what the loader
// accepts. `pnpm config:docs` writes both; config-reference.test.ts renders them again and fails on a difference.
import { APP_ENVS, ENV_GROUPS, envKeySchema, type AppEnv, type EnvKey } from './env.schema.ts';

type Value = string | number | boolean;

const code = (value: Value) => `\`${String(value)}\``;

function typeOf(key: EnvKey): string {
  const schema = envKeySchema(key);
  const secret = schema.secret === true ? ', secret' : '';
  if (schema.type === 'integer') {
    const range = schema.maximum === Number.MAX_SAFE_INTEGER ? `≥ ${schema.minimum}` : `${schema.minimum}–${schema.maximum}`;
    return `integer ${range}${secret}`;
  }
  if (Array.isArray(schema.anyOf)) return `${schema.anyOf.map((option: { const: string }) => code(option.const)).join(', ')}${secret}`;
  return `${String(schema.type)}${secret}`;
}

/** Profiles sharing a default are named together: `development, test: *`. */
function profileDefaults(key: EnvKey): string[] {
  const byProfile = envKeySchema(key).byProfile ?? {};
  const groups = new Map<Value, AppEnv[]>();
  for (const profile of APP_ENVS) {
    const value = byProfile[profile];
    if (value !== undefined) groups.set(value, [...(groups.get(value) ?? []), profile]);
  }
  return [...groups].map(([value, profiles]) => `${profiles.join(', ')}: ${code(value)}`);
}

function defaultOf(key: EnvKey): Value | undefined {
  return envKeySchema(key).default as Value | undefined;
}

export function renderConfigReference(): string {
  const lines = [
    '# Configuration reference',
    '',
    '<!-- Generated from packages/config/src/env.schema.ts by `pnpm config:docs`; edit the schema, not this file. -->',
    '',
    'Every setting is an environment variable read once at boot by `packages/config` ([CFG-1](operations.md#cfg-1)).',
    'Integers and booleans (`true`/`false`/`1`/`0`) must parse; an unparseable or out-of-range value stops the start-up',
    'with exit code 78, never silently replaced by the default. An empty value counts as unset. "—" means no default:',
    'the setting is optional unless its description says a profile requires it. The **profiles** column lists defaults that differ under',
    'an `APP_ENV` [profile](operations.md#profiles); secrets are never echoed in error messages. [`.env.example`](../.env.example)',
    'lists the same settings with their defaults.',
    '',
  ];
  for (const group of ENV_GROUPS) {
    lines.push(`## ${group.title}`, '', '| variable | type | default | profiles | description |', '|---|---|---|---|---|');
    for (const key of group.keys) {
      const fallback = defaultOf(key);
      const cells = [
        code(key),
        typeOf(key),
        fallback === undefined ? '—' : code(fallback),
        profileDefaults(key).join('; ') || '—',
        envKeySchema(key).description ?? '',
      ];
      lines.push(`| ${cells.join(' | ')} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** Comment lines of at most 100 characters. */
function comment(text: string): string[] {
  const lines: string[] = [];
  let line = '#';
  for (const word of text.split(' ')) {
    if (line.length + 1 + word.length > 100 && line !== '#') {
      lines.push(line);
      line = '#';
    }
    line += ` ${word}`;
  }
  return [...lines, line];
}

/** Double-quoted when the shell or an env_file parser would otherwise change it (CSP's `'none'`). */
function envFileValue(value: Value | undefined): string {
  if (value === undefined) return '';
  const text = String(value);
  return /^[\w.,:/*-]*$/.test(text) ? text : `"${text}"`;
}

export function renderEnvExample(): string {
  const lines = [
    '# Every setting of the backend with its default, commented out: uncomment and edit what you change.',
    '# Generated from packages/config/src/env.schema.ts by `pnpm config:docs`; docs/configuration.md explains them.',
    '# The process reads its environment only; load this file with your supervisor (systemd EnvironmentFile=,',
    '# docker compose env_file:) or your shell (set -a; . ./.env; set +a).',
  ];
  for (const group of ENV_GROUPS) {
    lines.push('', `# --- ${group.title} ---`);
    for (const key of group.keys) {
      const profiles = profileDefaults(key).map((entry) => entry.replaceAll('`', ''));
      const facts = [typeOf(key).replaceAll('`', ''), ...(profiles.length > 0 ? [`profiles: ${profiles.join('; ')}`] : [])];
      lines.push('', ...comment(`${envKeySchema(key).description ?? ''} (${facts.join('; ')})`), `# ${key}=${envFileValue(defaultOf(key))}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
