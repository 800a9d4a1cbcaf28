import { defineProject } from 'vitest/config';

// The headless-browser tests (docs/operations.md#browser-tests): their own project so they get a browser-sized
// timeout and run one file at a time, one chromium per file, on the 2-core CI machine.
export default defineProject({
  ssr: { resolve: { conditions: ['source', 'module', 'node', 'development|production'] } },
  test: {
    name: 'api-browser',
    include: ['test/browser/**/*.browser.test.ts'],
    fileParallelism: false,
    // After the unit and database projects, so chromium does not compete with their timing-sensitive suites.
    sequence: { groupOrder: 1 },
    testTimeout: 90_000,
    hookTimeout: 90_000,
  },
});
