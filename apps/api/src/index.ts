// Public entry of @socialpredict/api for the CLI (`serve`, `seed`, `seed-dev` and the admin commands): the same
// composition, boot and seeding code that `pnpm start` runs.
export { composeUseCases, followUpEffects, openRuntime, StartupError, type FollowUpJobs, type Runtime } from './composition.ts';
export { createLogger } from './logger.ts';
export { startApi, seedStartupData, type ApiProcess } from './start-api.ts';
export { seedDevFixtures, DEV_PASSWORD } from './startup-seed.ts';
export { buildApp, type AppDeps } from './app.ts';
export { createServer, listen } from './server.ts';
