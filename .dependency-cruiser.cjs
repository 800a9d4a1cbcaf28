// Architecture rules enforced in CI (`pnpm depcheck`): the domain stays pure and layered, nothing depends on an app.
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
