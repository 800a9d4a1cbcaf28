// Resolving a market group (docs/api.md#market-groups): every answer market settles in ONE transaction, each exactly
// as if it were resolved alone (the single-market settlement of shared/market-settlement.ts). Modes: `exclusive_yes`
// (the winning answer YES, every other NO), `manual` (an explicit resolution per answer) and `na` (all N/A: refunds).
// Lock order (docs/architecture.md#16): the group row, then the answer markets in ascending id, then every payee in
// username order; a bet on an answer waits for its market lock, so it commits before the resolution or is refused.
import { err, ok, safeTry, type Result, type ResultAsync } from 'neverthrow';
import type { Resolution, Settlement } from '../../math/types.ts';
import type { MarketGroup } from '../../model/market-group.model.ts';
import type { MarketRecord } from '../../model/market.model.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { CommitHook } from '../../ports/write-records.port.ts';
import {
  authorizationDenied,
  domainFailure,
  invalidState,
  marketGroupChildUnpublished,
  validationFailed,
  type AuthorizationDenied,
  type CorruptData,
  type DomainFailure,
  type InvalidState,
  type MarketGroupChildUnpublished,
  type MarketNotFound,
  type ValidationFailed,
} from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import type { Actor } from '../shared/actor.ts';
import { isResolution } from '../shared/input-rules.ts';
import { groupNotFound } from '../shared/market-group-rules.ts';
import { applySettlement, planSettlement, settlementPayees } from '../shared/market-settlement.ts';

export const GROUP_RESOLUTION_MODES = ['exclusive_yes', 'manual', 'na'] as const;
export type GroupResolutionMode = (typeof GROUP_RESOLUTION_MODES)[number];

export interface ResolveMarketGroupInput {
  /** the group's steward, or the operator (docs/api.md#market-groups: `U + S`, as for a single market) */
  readonly actor: Actor;
  readonly groupId: number;
  readonly mode: string;
  /** `exclusive_yes`: the answer market that resolves YES */
  readonly winningMarketId?: number;
  /** `manual`: one resolution per answer market */
  readonly resolutions?: readonly { readonly marketId: number; readonly resolution: string }[];
}

export interface ResolvedChild {
  readonly marketId: number;
  readonly resolution: Resolution;
  readonly settlement: Settlement;
}

export interface ResolveMarketGroupOutput {
  readonly group: MarketGroup;
  /** in ascending market id */
  readonly children: readonly ResolvedChild[];
  readonly resolvedAt: number;
}

export type ResolveMarketGroupError =
  | MarketNotFound
  | AuthorizationDenied
  | ValidationFailed
  | DomainFailure<'ALREADY_RESOLVED'>
  | InvalidState
  | MarketGroupChildUnpublished
  | CorruptData
  | InfrastructureError;

export type ResolveMarketGroup = (
  input: ResolveMarketGroupInput,
  commit?: CommitHook<ResolveMarketGroupOutput>,
) => ResultAsync<ResolveMarketGroupOutput, ResolveMarketGroupError>;

const RESOLVABLE: ReadonlySet<string> = new Set(['published', 'closed']);

export function makeResolveMarketGroup(deps: Pick<UseCaseDeps, 'unitOfWork' | 'clock' | 'economics'>): ResolveMarketGroup {
  const { initialBetFee } = deps.economics.betting.betFees;

  // Checks follow docs/api.md#request-pipeline: group exists → steward → body → state.
  return (input, commit) =>
    deps.unitOfWork.run((tx) =>
      safeTry(async function* () {
        const group = yield* tx.marketGroups.lockById(input.groupId);
        if (group === null) return err(groupNotFound(input.groupId));
        if (!(input.actor.kind === 'operator' || input.actor.username === group.stewardUsername)) {
          return err(authorizationDenied('Only the steward of the market group may resolve it.'));
        }
        const answers = yield* tx.marketGroups.listAnswers(group.id);
        const resolutionOf = yield* decideResolutions(input, answers.map((answer) => answer.marketId));
        if (group.lifecycleStatus === 'resolved') return err(domainFailure('ALREADY_RESOLVED', 'The market group is already resolved.'));
        if (group.lifecycleStatus === 'rejected' || group.lifecycleStatus === 'cancelled') {
          return err(invalidState(`A ${group.lifecycleStatus} market group cannot be resolved.`));
        }

        const children: MarketRecord[] = [];
        for (const marketId of [...answers.map((answer) => answer.marketId)].sort((a, b) => a - b)) {
          const market = yield* tx.lockMarket(marketId);
          if (market === null) return err(invalidState(`Answer market ${String(marketId)} is missing.`));
          children.push(market);
        }
        const byId = new Map(children.map((market) => [market.id, market]));
        const blocking = answers
          .map((answer) => ({ answer, market: byId.get(answer.marketId) }))
          .filter(({ market }) => market !== undefined && !RESOLVABLE.has(market.lifecycleStatus))
          .map(({ answer, market }) => ({ marketId: answer.marketId, answerLabel: answer.answerLabel, lifecycleStatus: market?.lifecycleStatus ?? '' }));
        if (blocking.length > 0) return err(marketGroupChildUnpublished(blocking));

        const planned: (ResolvedChild & { readonly market: MarketRecord })[] = [];
        for (const market of children) {
          const resolution = resolutionOf(market.id);
          planned.push({ market, marketId: market.id, resolution, settlement: yield* planSettlement(tx, market, resolution, initialBetFee) });
        }
        // Every payee of every child at once, in username order, after all the market locks (DB-6).
        yield* tx.lockUsers(planned.flatMap((child) => settlementPayees(child.market, child.settlement)));

        const now = deps.clock.now();
        for (const child of planned) yield* applySettlement(tx, child.market, child.resolution, child.settlement, now);
        const resolved = yield* tx.marketGroups.update(group.id, { lifecycleStatus: 'resolved', updatedAt: now });
        return ok({
          group: resolved ?? group,
          children: planned.map(({ marketId, resolution, settlement }) => ({ marketId, resolution, settlement })),
          resolvedAt: now,
        });
      }),
      commit,
    );
}

/** The resolution of each answer market the mode and the body decide, or VALIDATION_FAILED. */
function decideResolutions(
  input: ResolveMarketGroupInput,
  marketIds: readonly number[],
): Result<(marketId: number) => Resolution, ValidationFailed> {
  const members = new Set(marketIds);
  switch (input.mode) {
    case 'na':
      return ok(() => 'N/A');
    case 'exclusive_yes': {
      const winner = input.winningMarketId;
      if (winner === undefined || !members.has(winner)) {
        return err(validationFailed({ winningMarketId: ['must name an answer market of the group'] }));
      }
      return ok((marketId) => (marketId === winner ? 'YES' : 'NO'));
    }
    case 'manual': {
      const given = new Map<number, Resolution>();
      const problems: string[] = [];
      for (const { marketId, resolution } of input.resolutions ?? []) {
        if (!members.has(marketId)) problems.push(`market ${String(marketId)} is not an answer of the group`);
        else if (given.has(marketId)) problems.push(`market ${String(marketId)} is named twice`);
        else if (!isResolution(resolution)) problems.push(`market ${String(marketId)}: resolution must be YES, NO or N/A`);
        else given.set(marketId, resolution);
      }
      const missing = marketIds.filter((marketId) => !given.has(marketId));
      if (problems.length === 0 && missing.length > 0) problems.push(`missing a resolution for market ${missing.join(', ')}`);
      if (problems.length > 0) return err(validationFailed({ resolutions: problems }));
      return ok((marketId) => given.get(marketId) ?? 'N/A');
    }
    default:
      return err(validationFailed({ mode: ['must be exclusive_yes, manual or na'] }));
  }
}
