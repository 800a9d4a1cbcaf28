// `pnpm config:docs`: writes docs/configuration.md and .env.example from the env schema of packages/config.
import { writeFileSync } from 'node:fs';
import { renderConfigReference, renderEnvExample } from '../packages/config/src/index.ts';

const root = new URL('../', import.meta.url);
writeFileSync(new URL('docs/configuration.md', root), renderConfigReference());
writeFileSync(new URL('.env.example', root), renderEnvExample());
console.log('wrote docs/configuration.md and .env.example');
