// Proposal review from the command line (docs/api.md#proposal-review, docs/operations.md): list the review queue,
// approve a proposal, or reject one (the creator is refunded the proposal cost through the ledger). The operator acts
// with administrator rights; each write is audited like its HTTP counterpart.
import { OPERATOR, REVIEW_STATUSES, type ReviewStatus } from '@socialpredict/domain';
import { requiredInteger, requiredText, UsageError, type CommandDefinition, type OptionValues } from '../../command.ts';
import { succeeded } from '../../use-case-failure.ts';
import { operatorCall } from '../../operator-call.ts';

const LIST_LIMIT = 100;

/** The statuses are lower case on the wire and here (`oneOf` upper-cases). */
function reviewStatus(options: OptionValues): ReviewStatus {
  if (options.status === undefined) return 'proposed';
  const status = requiredText(options, 'status').toLowerCase();
  const known = REVIEW_STATUSES.find((candidate) => candidate === status);
  if (known === undefined) throw new UsageError(`--status must be one of ${REVIEW_STATUSES.join(', ')}`);
  return known;
}

export const proposalsCommand: CommandDefinition = {
  name: 'proposals',
  summary: 'List markets for review (default: proposals awaiting approval), newest first, at most 100.',
  usage: '[--status <proposed|published|rejected|closed|resolved|all>]',
  options: { status: { type: 'string' } },
  run: async (context, options) => {
    const status = reviewStatus(options);
    const { useCases } = await context.runtime();
    const page = await succeeded(useCases.listReviewMarkets({ actor: OPERATOR, status, limit: LIST_LIMIT, offset: 0 }));
    for (const { market } of page.markets) {
      context.io.out(`${String(market.id)}\t${market.lifecycleStatus}\t${market.creatorUsername}\tcost ${String(market.creationCost)}\t${market.questionTitle}`);
    }
    context.io.out(`${String(page.markets.length)} of ${String(page.total)} ${status} market(s).`);
    return 0;
  },
};

export const approveMarketCommand: CommandDefinition = {
  name: 'approve-market',
  summary: 'Publish a proposed market: listed and tradable from now on.',
  usage: '--market <id>',
  options: { market: { type: 'string' } },
  run: async (context, options) => {
    const marketId = requiredInteger(options, 'market');
    const { useCases } = await context.runtime();
    await succeeded(useCases.approveMarket({ actor: OPERATOR, marketId, confirm: true }, operatorCall(context.env)));
    context.io.out(`Market ${String(marketId)} approved and published.`);
    return 0;
  },
};

export const rejectMarketCommand: CommandDefinition = {
  name: 'reject-market',
  summary: 'Reject a proposed market with a reason; the creator is refunded the proposal cost.',
  usage: '--market <id> --reason <text>',
  options: { market: { type: 'string' }, reason: { type: 'string' } },
  run: async (context, options) => {
    const marketId = requiredInteger(options, 'market');
    const reason = requiredText(options, 'reason');
    const { useCases } = await context.runtime();
    const { market } = await succeeded(useCases.rejectMarket({ actor: OPERATOR, marketId, reason }, operatorCall(context.env)));
    context.io.out(`Market ${String(marketId)} rejected; ${market.creatorUsername} refunded ${String(market.creationCost)} credits.`);
    return 0;
  },
};
