// An administrator's replacement of a discovery page's pins (docs/api.md#site-content): the list sent becomes the
// page's list. A market pin names a public market (a proposal or a rejected market is not shown to anyone, so it
// cannot be pinned); a page pin names a slug. The body carries no version (http-api §3.3), so the page's version is
// left as it is: saving pins never makes an editor's open layout form stale.
import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import { defaultDiscoveryPage, type DiscoveryPage, type DiscoveryPin } from '../../model/site-content.model.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { CommitHook } from '../../ports/write-records.port.ts';
import {
  marketNotFound,
  validationFailed,
  type AuthorizationDenied,
  type MarketNotFound,
  type ValidationFailed,
} from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { actorName, requireAdmin, type Actor } from '../shared/actor.ts';
import { PUBLIC_LIFECYCLES } from '../shared/market-status.ts';
import { codePoints } from '../site-content/content-version.ts';
import { DISCOVERY_SLUG } from '../update-discovery-page/update-discovery-page.use-case.ts';

export interface SetDiscoveryPinsInput {
  readonly actor: Actor;
  readonly slug: string;
  readonly pins: readonly Omit<DiscoveryPin, 'id'>[];
}

export type SetDiscoveryPinsError = AuthorizationDenied | ValidationFailed | MarketNotFound | InfrastructureError;
export type SetDiscoveryPins = (input: SetDiscoveryPinsInput, commit?: CommitHook<DiscoveryPage>) => ResultAsync<DiscoveryPage, SetDiscoveryPinsError>;

export const PINS_MAX = 50;
export const PIN_LABEL_MAX = 120;

function pinProblems(pins: SetDiscoveryPinsInput['pins']): Record<string, string[]> {
  if (pins.length > PINS_MAX) return { pins: [`must hold at most ${String(PINS_MAX)} pins`] };
  const problems: Record<string, string[]> = {};
  pins.forEach((pin, index) => {
    const field = `pins.${String(index)}`;
    const add = (problem: string) => (problems[field] = [...(problems[field] ?? []), problem]);
    if (pin.pinType === 'market') {
      if (pin.marketId === null || !Number.isSafeInteger(pin.marketId) || pin.marketId <= 0) add('a market pin needs a marketId');
      if (pin.targetPageSlug !== null) add('a market pin has no targetPageSlug');
    } else {
      if (pin.targetPageSlug === null || pin.targetPageSlug.length > 96 || !DISCOVERY_SLUG.test(pin.targetPageSlug)) add('a page pin needs a targetPageSlug');
      if (pin.marketId !== null) add('a page pin has no marketId');
    }
    if (codePoints(pin.label) > PIN_LABEL_MAX) add(`label must be at most ${String(PIN_LABEL_MAX)} characters`);
    if (!Number.isSafeInteger(pin.sortOrder) || Math.abs(pin.sortOrder) > 1_000_000) add('sortOrder must be a whole number within ±1000000');
  });
  return problems;
}

export function makeSetDiscoveryPins(deps: Pick<UseCaseDeps, 'unitOfWork' | 'clock'>): SetDiscoveryPins {
  return (input, commit) =>
    safeTry(async function* () {
      yield* requireAdmin(input.actor, 'edit discovery pages');
      if (input.slug.length > 96 || !DISCOVERY_SLUG.test(input.slug)) return err(validationFailed({ slug: ['must be a slug of at most 96 characters'] }));
      const problems = pinProblems(input.pins);
      if (Object.keys(problems).length > 0) return err(validationFailed(problems));
      const saved = yield* deps.unitOfWork.run(
        (tx) =>
          safeTry(async function* () {
            const current = yield* tx.siteContent.lockDiscoveryPage(defaultDiscoveryPage(input.slug));
            const marketIds = [...new Set(input.pins.flatMap((pin) => (pin.marketId === null ? [] : [pin.marketId])))];
            const markets = yield* tx.markets.findByIds(marketIds);
            for (const id of marketIds) {
              const market = markets.find((candidate) => candidate.id === id);
              if (market === undefined || !(PUBLIC_LIFECYCLES as readonly string[]).includes(market.lifecycleStatus)) return err(marketNotFound(id));
            }
            const stored = yield* tx.siteContent.saveDiscoveryPage({
              ...current,
              pins: input.pins.map((pin) => ({ ...pin, label: pin.label.trim() })),
              updatedBy: actorName(input.actor),
              updatedAt: deps.clock.now(),
            });
            return ok(stored);
          }),
        commit,
      );
      return ok(saved);
    });
}
