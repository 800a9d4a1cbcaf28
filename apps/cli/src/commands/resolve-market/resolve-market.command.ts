// `pnpm cli resolve-market --market <id> --result YES|NO|N/A`: the operator's override of the steward-only rule
// (docs/api.md#roles), for a market whose steward cannot settle it. The steward still earns the work profit; the
// follow-ups (stale marks, refresh, the holders' notifications) are those of a resolution over HTTP.
import { OPERATOR } from '@socialpredict/domain';
import { oneOf, requiredInteger, type CommandDefinition } from '../../command.ts';
import { succeeded } from '../../use-case-failure.ts';
import { operatorCall } from '../../operator-call.ts';

export const RESULTS = ['YES', 'NO', 'N/A'] as const;

export const resolveMarketCommand: CommandDefinition = {
  name: 'resolve-market',
  summary: "Resolve a market as YES, NO or N/A in place of its steward; pays out through the ledger.",
  usage: '--market <id> --result <YES|NO|N/A>',
  options: { market: { type: 'string' }, result: { type: 'string' } },
  run: async (context, options) => {
    const marketId = requiredInteger(options, 'market');
    const resolution = oneOf(options, 'result', RESULTS);
    const { useCases } = await context.runtime();
    const resolved = await succeeded(useCases.resolveMarket({ actor: OPERATOR, marketId, resolution }, operatorCall(context.env)));
    const paid = resolved.settlement.credits.reduce((sum, credit) => sum + credit.amount, 0);
    context.io.out(
      `Market ${marketId} resolved ${resolution} by the operator (steward ${resolved.stewardUsername}): ${resolved.settlement.credits.length} payout(s), ${paid} credits paid.`,
    );
    return 0;
  },
};
