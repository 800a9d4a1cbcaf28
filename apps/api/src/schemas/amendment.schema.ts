// The wire shape of a description amendment (docs/api.md#amendments), shared by its routes and the market detail.
import { Type, type Static } from '@fastify/type-provider-typebox';
import type { DescriptionAmendment } from '@socialpredict/domain';
import { Int, isoTime } from './common.schema.ts';

/** examples.ts imports the market schema, which embeds this one, so the example keeps its own time. */
const EXAMPLE_AT = '2026-03-01T12:00:00.000Z';

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

export const Amendment = Type.Object(
  {
    id: Int,
    marketId: Int,
    version: Int,
    body: Type.String(),
    bodyFormat: Type.Literal('markdown_lite'),
    status: Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')]),
    createdBy: Type.String(),
    createdAt: Type.String(),
    updatedAt: Type.String(),
    approvedBy: Nullable(Type.String()),
    approvedAt: Nullable(Type.String()),
    rejectedBy: Nullable(Type.String()),
    rejectedAt: Nullable(Type.String()),
    rejectionReason: Nullable(Type.String()),
    submitReason: Nullable(Type.String()),
  },
  { $id: 'Amendment', title: 'Amendment' },
);

export const exampleAmendment: Static<typeof Amendment> = {
  id: 7,
  marketId: 42,
  version: 2,
  body: 'Rain means at least **1 mm** at Paris-Montsouris.',
  bodyFormat: 'markdown_lite',
  status: 'pending',
  createdBy: 'alice',
  createdAt: EXAMPLE_AT,
  updatedAt: EXAMPLE_AT,
  approvedBy: null,
  approvedAt: null,
  rejectedBy: null,
  rejectedAt: null,
  rejectionReason: null,
  submitReason: 'The threshold was unclear.',
};

const time = (at: number | null) => (at === null ? null : isoTime(at));

export function toAmendment(amendment: DescriptionAmendment): Static<typeof Amendment> {
  return {
    ...amendment,
    createdAt: isoTime(amendment.createdAt),
    updatedAt: isoTime(amendment.updatedAt),
    approvedAt: time(amendment.approvedAt),
    rejectedAt: time(amendment.rejectedAt),
  };
}
