// What the database global setup hands the test files (TST-3), and the suite metadata the skip summary reads.

export type TestDatabaseServer =
  | { mode: 'postgres'; adminUrl: string; template: string }
  /** paths of PGlite data-directory dumps: a fresh cluster, and one with every migration applied */
  | { mode: 'embedded'; emptyDump: string; templateDump: string };

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabaseServer: TestDatabaseServer;
  }
  interface TaskMeta {
    /** Why a suite was skipped, printed by the skip summary at the end of the run (scripts/skip-summary.reporter.ts). */
    skipReason?: string;
  }
}
