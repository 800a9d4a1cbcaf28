// Architecture rules enforced in CI (`pnpm depcheck`): the domain stays pure and layered, nothing depends on an app,
// apps do not depend on each other, and the HTTP routes see only the domain, their own HTTP helpers and the runtime's types.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'packages/domain may import only its own files and neverthrow: no framework, database, logger or Node API.',
      severity: 'error',
      from: { path: '^packages/domain/src', pathNot: '\\.test\\.ts$' },
      to: { pathNot: ['^packages/domain/src', 'node_modules/neverthrow'] },
    },
    {
      name: 'domain-core-knows-no-ports',
      comment:
        'Inside the domain, the model, the math and the ledger are the innermost layer: they import neither the ports nor the use cases.',
      severity: 'error',
      from: { path: '^packages/domain/src/(model|math|ledger)/' },
      to: { path: '^packages/domain/src/(ports|use-cases)/' },
    },
    {
      name: 'domain-ports-know-no-use-cases',
      comment: 'Ports are what use cases depend on, never the other way round.',
      severity: 'error',
      from: { path: '^packages/domain/src/ports/' },
      to: { path: '^packages/domain/src/use-cases/' },
    },
    {
      name: 'no-package-imports-an-app',
      comment: 'Apps are composition roots and drivers; packages never depend on them.',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-app-imports-another-app',
      comment: 'Both apps build on packages/runtime; the only crossing is `serve`, which starts the API.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/', pathNot: '^apps/cli/src/commands/serve/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'serve-imports-only-the-api-entry',
      comment: 'The CLI reaches the API through its package entry, and only to start it.',
      severity: 'error',
      from: { path: '^apps/cli/src/commands/serve/' },
      to: { path: '^apps/', pathNot: ['^apps/cli/', '^apps/api/src/index\\.ts$'] },
    },
    {
      name: 'routes-import-domain-http-helpers-and-runtime-types',
      comment:
        'A route parses, calls one use case and maps the result: it may import the domain, the wire schemas and ' +
        'presenters, the shared HTTP helpers, the TypeBox route types and the types of the runtime and the configuration.',
      severity: 'error',
      from: { path: '^apps/api/src/routes/[^/]+\\.route\\.ts$' },
      to: {
        pathNot: [
          '^packages/domain/src/',
          '^packages/runtime/src/',
          '^packages/config/src/',
          '^apps/api/src/schemas/',
          '^apps/api/src/presenters/',
          '^apps/api/src/(http-error\\.mapper|http-problem|input-sanitizers|principal|lifecycle|write-call)\\.ts$',
          'node_modules/@fastify/type-provider-typebox/',
          '^(node:)?crypto$',
        ],
      },
    },
    {
      name: 'routes-import-only-types-of-runtime-and-config',
      comment: 'The routes know what the composition root hands them, never how it builds it.',
      severity: 'error',
      from: { path: '^apps/api/src/routes/[^/]+\\.route\\.ts$' },
      to: { path: ['^packages/runtime/', '^packages/config/'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'simulation-sees-only-the-domain-entry-and-memory-adapters',
      comment:
        'The simulator proves the domain usable on its own: it imports only the domain\'s public entry and the ' +
        'in-memory adapters\' entry (the fakes of every port, docs/simulation.md#architecture), never a domain internal.',
      severity: 'error',
      from: { path: '^packages/simulation/src' },
      to: {
        pathNot: [
          '^packages/simulation/src/',
          '^packages/domain/src/index\\.ts$',
          '^packages/persistence/src/memory/index\\.ts$',
        ],
      },
    },
    {
      name: 'sim-app-sees-only-the-simulation-entry',
      comment: 'The `pnpm sim` driver reaches the market only through the simulation package.',
      severity: 'error',
      from: { path: '^apps/sim/src' },
      to: {
        path: '^packages/',
        pathNot: ['^packages/simulation/src/index\\.ts$', '^packages/adapters/src/progress/progress\\.ts$'],
      },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['(^|/)dist/', '(^|/)coverage/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['source', 'import', 'default'],
      extensions: ['.ts', '.js', '.json'],
    },
  },
};
