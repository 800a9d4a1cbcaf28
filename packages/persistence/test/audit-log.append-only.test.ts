// The audit log is append-only (docs/api.md#audit-log): no adapter source updates or deletes it, and the database
// refuses UPDATE, DELETE and TRUNCATE on it (migration 0004) whoever asks.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgliteTarget } from './support/contract.targets.ts';

const SOURCES = fileURLToPath(new URL('../src', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

describe('audit log: append-only', () => {
  it('has no UPDATE or DELETE of the audit table in any adapter', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(SOURCES)) {
      const text = readFileSync(file, 'utf8');
      const patterns = [
        /\.(update|delete)\(\s*auditLog\b/,
        /\b(UPDATE|DELETE\s+FROM|TRUNCATE)\s+"?audit_log\b/i,
        // the memory table: only appended to and read
        /\.audit\.(splice|pop|shift|unshift|fill|copyWithin|sort|reverse)\(|\.audit\[[^\]]*\]\s*=(?!=)|\.audit\.length\s*=/,
      ];
      for (const pattern of patterns) if (pattern.test(text)) offenders.push(`${file}: ${pattern.source}`);
    }
    expect(offenders).toEqual([]);
  });

  describe('in the database', () => {
    const target = pgliteTarget();
    beforeAll(() => target.open());
    afterAll(() => target.close());

    it('refuses UPDATE, DELETE and TRUNCATE, and keeps the row', async () => {
      const ports = await target.fresh();
      (await ports.audit.append({ at: 0, actor: 'x', action: 'placeBet', target: '1', requestId: null, outcome: 'ok', inputs: {} }))._unsafeUnwrap();
      const session = await target.database?.().reserve();
      if (session === undefined) throw new Error('no database');
      try {
        for (const statement of ["UPDATE audit_log SET outcome = 'changed'", 'DELETE FROM audit_log', 'TRUNCATE audit_log']) {
          await expect(session.query(statement)).rejects.toThrow(/append-only/);
        }
      } finally {
        await session.release();
      }
      expect((await ports.audit.list({ actor: 'x', limit: 5, offset: 0 }))._unsafeUnwrap().map((row) => row.outcome)).toEqual(['ok']);
    });
  });
});
