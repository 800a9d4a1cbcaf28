// `pnpm cli audit [--actor <a>] [--action <use case>] [--target <t>] [--limit <n>]`: the audit log for operators
// (docs/api.md#audit-log), newest first, one JSON object per line.
import { OPERATOR } from '@socialpredict/domain';
import { UsageError, type CommandDefinition, type OptionValues } from '../../command.ts';
import { succeeded } from '../../use-case-failure.ts';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 1000;

function filter(options: OptionValues, name: 'actor' | 'action' | 'target'): { [K in typeof name]?: string } {
  const value = options[name];
  if (value === undefined) return {};
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} needs a value`);
  return { [name]: value };
}

function limitOf(options: OptionValues): number {
  const { limit } = options;
  if (limit === undefined) return DEFAULT_LIMIT;
  const parsed = typeof limit === 'string' && /^\d{1,4}$/.test(limit) ? Number(limit) : Number.NaN;
  if (!(parsed >= 1 && parsed <= MAX_LIMIT)) throw new UsageError(`--limit must be a whole number from 1 to ${String(MAX_LIMIT)}`);
  return parsed;
}

export const auditCommand: CommandDefinition = {
  name: 'audit',
  summary: 'Print the audit log of writes, newest first (one JSON object per line).',
  usage: '[--actor <username|cli:user>] [--action <use case>] [--target <market id|username>] [--limit <n>]',
  options: { actor: { type: 'string' }, action: { type: 'string' }, target: { type: 'string' }, limit: { type: 'string' } },
  run: async (context, options) => {
    const query = { ...filter(options, 'actor'), ...filter(options, 'action'), ...filter(options, 'target'), limit: limitOf(options), offset: 0 };
    const { useCases } = await context.runtime();
    const entries = await succeeded(useCases.listAuditEntries({ actor: OPERATOR, query }));
    for (const entry of entries) context.io.out(JSON.stringify({ ...entry, at: new Date(entry.at).toISOString() }));
    return 0;
  },
};
