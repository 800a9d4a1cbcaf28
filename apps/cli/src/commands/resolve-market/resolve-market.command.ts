// `pnpm cli resolve-market --market <id> --result YES|NO|N/A`: the resolve use case on behalf of the market's
// steward (only the steward may resolve, http-api §2.6), for an operator settling a market whose steward cannot.
import { marketNotFound, makeResolveMarket, type ResolveMarketOutput, type UseCaseDeps } from '@socialpredict/domain';
import { oneOf, requiredInteger, type CommandDefinition } from '../../command.ts';
import { markGlobalReadModelsStale } from '../../runtime/read-model-marks.ts';
import { useCaseFailure } from '../../use-case-failure.ts';

export const RESULTS = ['YES', 'NO', 'N/A'] as const;

export type ResolveMarketDeps = Pick<UseCaseDeps, 'markets' | 'unitOfWork' | 'clock' | 'economics'>;

export async function resolveMarket(deps: ResolveMarketDeps, marketId: number, result: string): Promise<ResolveMarketOutput & { steward: string }> {
  const market = await deps.markets.findById(marketId);
  if (market.isErr()) throw useCaseFailure(market.error);
  if (market.value === null) throw useCaseFailure(marketNotFound(marketId));
  const steward = market.value.stewardUsername;
  const resolved = await makeResolveMarket(deps)({ username: steward, marketId, resolution: result });
  if (resolved.isErr()) throw useCaseFailure(resolved.error);
  return { ...resolved.value, steward };
}

export const resolveMarketCommand: CommandDefinition = {
  name: 'resolve-market',
  summary: "Resolve a market as YES, NO or N/A on behalf of its steward; pays out through the ledger.",
  usage: '--market <id> --result <YES|NO|N/A>',
  options: { market: { type: 'string' }, result: { type: 'string' } },
  run: async (context, options) => {
    const marketId = requiredInteger(options, 'market');
    const result = oneOf(options, 'result', RESULTS);
    const runtime = await context.runtime();
    const resolved = await resolveMarket(runtime.deps, marketId, result);
    await markGlobalReadModelsStale(runtime);
    const paid = resolved.settlement.credits.reduce((sum, credit) => sum + credit.amount, 0);
    context.io.out(
      `Market ${marketId} resolved ${result} for steward ${resolved.steward}: ${resolved.settlement.credits.length} payout(s), ${paid} credits paid.`,
    );
    return 0;
  },
};
