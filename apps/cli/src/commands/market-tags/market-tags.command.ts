// `pnpm cli tags-list|tags-create|tags-update|tags-deactivate` (docs/api.md#market-tags): the tag vocabulary from the
// command line, as the OPERATOR actor. Deactivating is its own command, so the confirmation the HTTP route asks for
// is the operator's choice of command.
import { OPERATOR, type MarketTag, type MarketTagChanges } from '@socialpredict/domain';
import { requiredText, UsageError, type CommandDefinition, type OptionValues } from '../../command.ts';
import { operatorCall } from '../../operator-call.ts';
import { succeeded } from '../../use-case-failure.ts';

const FIELD_OPTIONS = {
  'display-name': { type: 'string' },
  description: { type: 'string' },
  'color-key': { type: 'string' },
  'sort-order': { type: 'string' },
} as const;

function describeTag(tag: MarketTag): string {
  return `${tag.slug}\t${tag.displayName}\tsortOrder=${String(tag.sortOrder)}\t${tag.isActive ? 'active' : 'inactive'}`;
}

function sortOrder(options: OptionValues): number | undefined {
  const raw = options['sort-order'];
  if (raw === undefined) return undefined;
  const value = typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  if (!Number.isSafeInteger(value)) throw new UsageError('--sort-order must be a whole number');
  return value;
}

/** The editable fields given on the command line. */
function fieldChanges(options: OptionValues): MarketTagChanges {
  const text = (name: string) => (typeof options[name] === 'string' ? (options[name] as string) : undefined);
  const changes: Record<string, string | number> = {};
  const displayName = text('display-name');
  const description = text('description');
  const colorKey = text('color-key');
  const order = sortOrder(options);
  if (displayName !== undefined) changes.displayName = displayName;
  if (description !== undefined) changes.description = description;
  if (colorKey !== undefined) changes.colorKey = colorKey;
  if (order !== undefined) changes.sortOrder = order;
  return changes as MarketTagChanges;
}

export const tagsListCommand: CommandDefinition = {
  name: 'tags-list',
  summary: 'List the market tags (active ones only unless --all).',
  usage: '[--all]',
  options: { all: { type: 'boolean' } },
  run: async (context, options) => {
    const { useCases } = await context.runtime();
    const tags = await succeeded(useCases.listMarketTags({ includeInactive: options.all === true, actor: OPERATOR }));
    for (const tag of tags) context.io.out(describeTag(tag));
    return 0;
  },
};

export const tagsCreateCommand: CommandDefinition = {
  name: 'tags-create',
  summary: 'Create a market tag.',
  usage: '--slug <slug> --display-name <name> [--description <text>] [--color-key <key>] [--sort-order <n>] [--inactive]',
  options: { slug: { type: 'string' }, inactive: { type: 'boolean' }, ...FIELD_OPTIONS },
  run: async (context, options) => {
    const slug = requiredText(options, 'slug');
    const displayName = requiredText(options, 'display-name');
    const { useCases } = await context.runtime();
    const tag = await succeeded(
      useCases.createMarketTag(
        { actor: OPERATOR, slug, ...fieldChanges(options), displayName, isActive: options.inactive !== true },
        operatorCall(context.env),
      ),
    );
    context.io.out(`Created ${describeTag(tag)}`);
    return 0;
  },
};

export const tagsUpdateCommand: CommandDefinition = {
  name: 'tags-update',
  summary: 'Change a market tag’s display name, description, colour key or sort order, or reactivate it.',
  usage: '--slug <slug> [--display-name <name>] [--description <text>] [--color-key <key>] [--sort-order <n>] [--activate]',
  options: { slug: { type: 'string' }, activate: { type: 'boolean' }, ...FIELD_OPTIONS },
  run: async (context, options) => {
    const slug = requiredText(options, 'slug');
    const changes = { ...fieldChanges(options), ...(options.activate === true ? { isActive: true } : {}) };
    if (Object.keys(changes).length === 0) throw new UsageError('give at least one field to change');
    const { useCases } = await context.runtime();
    const tag = await succeeded(useCases.updateMarketTag({ actor: OPERATOR, slug, changes }, operatorCall(context.env)));
    context.io.out(`Updated ${describeTag(tag)}`);
    return 0;
  },
};

export const tagsDeactivateCommand: CommandDefinition = {
  name: 'tags-deactivate',
  summary: 'Deactivate a market tag: hidden from the public list and pickers, kept on the markets that carry it.',
  usage: '--slug <slug>',
  options: { slug: { type: 'string' } },
  run: async (context, options) => {
    const slug = requiredText(options, 'slug');
    const { useCases } = await context.runtime();
    const tag = await succeeded(
      useCases.updateMarketTag({ actor: OPERATOR, slug, changes: { isActive: false }, confirmDeactivate: true }, operatorCall(context.env)),
    );
    context.io.out(`Deactivated ${describeTag(tag)}`);
    return 0;
  },
};
