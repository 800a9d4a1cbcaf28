// Public entry of @socialpredict/config: the loader, its result types and the two schemas it validates against.
export { loadConfig, formatConfigIssues, type Env, type LoadConfigOptions } from './load-config.ts';
export type * from './app-config.ts';
export { EnvSchema, APP_ENVS, type AppEnv, type EnvKey } from './env.schema.ts';
export { SetupFileSchema, GAME_MODES, type GameMode, type Economics, type SetupPolicy } from './setup.schema.ts';
export { renderConfigReference, renderEnvExample } from './config-reference.ts';
