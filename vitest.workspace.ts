// The list of vitest projects; the root vitest.config.ts feeds it to `test.projects`
// (vitest 4+ no longer discovers a workspace file on its own).
export const projects = [
  'packages/domain',
  'packages/persistence',
  'packages/config',
  'packages/jobs',
  'packages/adapters',
  'packages/runtime',
  'packages/simulation',
  'apps/api',
  'apps/api/vitest.browser.config.ts',
  'apps/api/vitest.drill.config.ts',
  'apps/cli',
  'apps/sim',
  'apps/load',
];

export default projects;
