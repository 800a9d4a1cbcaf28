// The rules of tag fields and of the tags a market carries (docs/api.md#market-tags, docs/api.md#validation). The
// HTTP schemas check the same limits first; these hold for every driver (the CLI included).
import { err, ok, safeTry, type Result, type ResultAsync } from 'neverthrow';
import { validationFailed, type FieldProblems, type ValidationFailed } from '../../errors/use-case.errors.ts';
import {
  compareTags,
  MAX_TAGS_PER_MARKET,
  TAG_SLUG_MAX,
  TAG_SLUG_PATTERN,
  type MarketTag,
  type MarketTagChanges,
} from '../../model/market-tag.model.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { MarketTagRepository } from '../../ports/market-tag.port.ts';

const DISPLAY_NAME_MAX = 120;
const DESCRIPTION_MAX = 500;
const COLOR_KEY_MAX = 40;
const COLOR_KEY_PATTERN = /^[a-z0-9_-]*$/;

export function slugProblem(slug: string): string | null {
  if (slug.length > TAG_SLUG_MAX) return `must be at most ${String(TAG_SLUG_MAX)} characters`;
  return TAG_SLUG_PATTERN.test(slug) ? null : 'must be lower-case letters and digits in words joined by single hyphens';
}

/**
 * The slug a tag gets when its creator leaves the slug empty, as the web app's tag form does: the display name in
 * lower case without accents, each run of other characters one hyphen. Empty when the name has no letter or digit.
 */
export function slugFromDisplayName(displayName: string): string {
  const words = displayName
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  return words.split(' ').join('-').slice(0, TAG_SLUG_MAX).replace(/-+$/, '');
}

/** Checks the editable fields present in `fields`; the display name is trimmed. */
export function checkTagFields<F extends MarketTagChanges>(fields: F): Result<F, ValidationFailed> {
  const problems: Record<string, string[]> = {};
  const add = (field: string, problem: string) => (problems[field] ??= []).push(problem);
  const displayName = fields.displayName?.trim();
  if (displayName !== undefined && (displayName === '' || [...displayName].length > DISPLAY_NAME_MAX)) {
    add('displayName', `must be 1–${String(DISPLAY_NAME_MAX)} characters`);
  }
  if (fields.description !== undefined && [...fields.description].length > DESCRIPTION_MAX) {
    add('description', `must be at most ${String(DESCRIPTION_MAX)} characters`);
  }
  if (fields.colorKey !== undefined && (fields.colorKey.length > COLOR_KEY_MAX || !COLOR_KEY_PATTERN.test(fields.colorKey))) {
    add('colorKey', `must be at most ${String(COLOR_KEY_MAX)} of a-z, 0-9, _ and -`);
  }
  if (fields.sortOrder !== undefined && !Number.isSafeInteger(fields.sortOrder)) add('sortOrder', 'must be a whole number');
  if (Object.keys(problems).length > 0) return err(validationFailed(problems));
  return ok(displayName === undefined ? fields : { ...fields, displayName });
}

/**
 * The tags named by `slugs` for one market: at most five, unique, well formed and existing; each must be active
 * unless it is among `kept` (the slugs the market already carries, so that an administrator can edit the tags of a
 * market holding a since-deactivated one without losing it).
 */
export function resolveMarketTags(
  repository: Pick<MarketTagRepository, 'findBySlugs'>,
  slugs: readonly string[],
  kept: ReadonlySet<string> = new Set(),
): ResultAsync<readonly MarketTag[], ValidationFailed | InfrastructureError> {
  return safeTry(async function* () {
    const problems: string[] = [];
    if (slugs.length > MAX_TAGS_PER_MARKET) problems.push(`at most ${String(MAX_TAGS_PER_MARKET)} tags`);
    if (new Set(slugs).size !== slugs.length) problems.push('must not repeat a tag');
    for (const slug of slugs) {
      const problem = slugProblem(slug);
      if (problem !== null) problems.push(`${JSON.stringify(slug.slice(0, TAG_SLUG_MAX + 1))} ${problem}`);
    }
    if (problems.length > 0) return err(tagSlugsFailed(problems));
    if (slugs.length === 0) return ok([]);
    const found = yield* repository.findBySlugs(slugs);
    const bySlug = new Map(found.map((tag) => [tag.slug, tag]));
    for (const slug of slugs) {
      const tag = bySlug.get(slug);
      if (tag === undefined) problems.push(`names no tag: ${slug}`);
      else if (!tag.isActive && !kept.has(slug)) problems.push(`names an inactive tag: ${slug}`);
    }
    if (problems.length > 0) return err(tagSlugsFailed(problems));
    return ok([...found].sort(compareTags));
  });
}

function tagSlugsFailed(problems: readonly string[]): ValidationFailed {
  const fields: FieldProblems = { tagSlugs: problems };
  return validationFailed(fields);
}
