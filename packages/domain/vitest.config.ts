import { defineProject } from 'vitest/config';

// The use-case tests run on the in-memory fakes of @socialpredict/persistence, resolved to their TypeScript sources
// through the `source` export condition, as at run time.
export default defineProject({
  ssr: { resolve: { conditions: ['source', 'module', 'node', 'development|production'] } },
  test: {
    name: 'domain',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
