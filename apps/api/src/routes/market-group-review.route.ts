// Market group proposals (docs/api.md#market-groups, docs/api.md#proposal-review): administrators approve, reject (the
// creator is refunded the proposal cost), reassign the steward of, and tag a group. Every answer is a ReviewRow with
// `rowKey` "group:<id>", `isMarketGroup` and the answer markets in `childMarkets`.
import { Type, type FastifyPluginAsyncTypebox, type Static } from '@fastify/type-provider-typebox';
import type { ResultAsync } from 'neverthrow';
import type { Clock, ReviewedMarketGroup, UseCaseError } from '@socialpredict/domain';
import type { MarketGroupReviewUseCases } from '@socialpredict/runtime';
import { unwrap } from '../http-error.mapper.ts';
import { toGroupReviewRow } from '../presenters/market-group.presenter.ts';
import { actorOf } from '../principal.ts';
import { documented, IdParam, ref } from '../schemas/common.schema.ts';
import { Envelope, ok } from '../schemas/envelope.schema.ts';
import { errorResponses } from '../schemas/error.schema.ts';
import { ReviewRow } from '../schemas/review.schema.ts';
import { routeWrite } from '../write-call.ts';

type ReviewRowShape = Static<typeof ReviewRow>;

const exampleGroupRow: ReviewRowShape = {
  rowKey: 'group:3',
  isMarketGroup: true,
  id: 3,
  questionTitle: 'Who wins the cup?',
  description: 'The final is on Sunday.',
  creatorUsername: 'mod',
  stewardUsername: 'mod',
  yesLabel: 'YES',
  noLabel: 'NO',
  status: 'proposed',
  lifecycleStatus: 'proposed',
  proposalCost: 10,
  childMarkets: [],
  createdAt: '2026-03-01T12:00:00.000Z',
  updatedAt: '2026-03-01T12:00:00.000Z',
  resolutionDateTime: '2027-01-02T00:00:00.000Z',
};

const security = [{ bearer: [] }];
const Reason = Type.String({ minLength: 1, maxLength: 500 });

export const marketGroupReviewRoutes: FastifyPluginAsyncTypebox<{ useCases: MarketGroupReviewUseCases; clock: Clock }> = async (app, { useCases, clock }) => {
  const answer = (reviewed: ReviewedMarketGroup) => ({ status: 200, body: ok(toGroupReviewRow(reviewed, clock.now())) });
  const route = <B extends ReturnType<typeof Type.Object>>(
    path: string,
    summary: string,
    description: string,
    body: B,
    example: Static<B>,
    result: Partial<ReviewRowShape>,
    run: (
      request: { params: { id: number }; body: Static<B> },
      actor: ReturnType<typeof actorOf>,
      call: Parameters<MarketGroupReviewUseCases['approveMarketGroup']>[1],
    ) => ResultAsync<ReviewedMarketGroup, UseCaseError>,
  ) =>
    app.patch(
      path,
      {
        config: { auth: 'admin', limit: 'general' },
        schema: {
          tags: ['admin'],
          summary,
          description,
          security,
          params: Type.Object({ id: IdParam }),
          body: documented(body, 'The decision.', example),
          response: {
            200: documented(Envelope(ref(ReviewRow)), 'The group as a review row.', { ok: true, result: { ...exampleGroupRow, ...result } }),
            ...errorResponses(400, 401, 403, 404, 409),
          },
        },
      },
      async (request, reply) => {
        const write = routeWrite(request, reply, answer);
        const reviewed = await unwrap(run({ params: request.params as { id: number }, body: request.body as Static<B> }, actorOf(request), write.call));
        return write.send(reviewed);
      },
    );

  route(
    '/v0/admin/market-groups/:id/approve',
    'Approve a group proposal',
    'Publishes a proposed market group and every answer market. `confirm` must be true; not proposed: 409.',
    Type.Object({ confirm: Type.Boolean() }),
    { confirm: true },
    { status: 'active', lifecycleStatus: 'published', approvedBy: 'admin' },
    ({ params, body }, actor, call) => useCases.approveMarketGroup({ actor, groupId: params.id, confirm: body.confirm }, call),
  );
  route(
    '/v0/admin/market-groups/:id/reject',
    'Reject a group proposal',
    'Rejects a proposed market group and its answers; the creator gets the proposal cost back (PROPOSAL_REFUND). Not proposed: 409.',
    Type.Object({ reason: Reason }),
    { reason: 'Duplicate' },
    { status: 'rejected', lifecycleStatus: 'rejected', rejectedBy: 'admin', rejectionReason: 'Duplicate' },
    ({ params, body }, actor, call) => useCases.rejectMarketGroup({ actor, groupId: params.id, reason: body.reason }, call),
  );
  route(
    '/v0/admin/market-groups/:id/steward',
    'Reassign a group steward',
    'Hands the group and every answer market to another eligible user, recording one steward change per answer. 404 unknown or ineligible user, 409 settled group.',
    Type.Object({ stewardUsername: Type.String({ maxLength: 30 }), reason: Reason }),
    { stewardUsername: 'deputy', reason: 'mod is away' },
    { stewardUsername: 'deputy' },
    ({ params, body }, actor, call) => useCases.reassignGroupSteward({ actor, groupId: params.id, stewardUsername: body.stewardUsername, reason: body.reason }, call),
  );
  route(
    '/v0/admin/market-groups/:id/tags',
    'Set the tags of a group',
    'Replaces the tags of every answer market (at most five, existing, active unless already carried; else 400).',
    Type.Object({ tagSlugs: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 5 }) }),
    { tagSlugs: ['sport'] },
    {},
    ({ params, body }, actor, call) => useCases.setMarketGroupTags({ actor, groupId: params.id, tagSlugs: body.tagSlugs }, call),
  );
};
