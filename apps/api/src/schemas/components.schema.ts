// The shared shapes, registered once with `app.addSchema` before the routes: the serializer resolves the routes'
// `$ref`s against them and the OpenAPI document lists each once under components/schemas (docs/api.md#shapes).
import { AdminUser } from './admin-user.schema.ts';
import { Amendment } from './amendment.schema.ts';
import { DiscoveryPage } from './content.schema.ts';
import { ErrorBody } from './error.schema.ts';
import {
  BetRow,
  Creator,
  Freshness,
  GroupLink,
  MarketDetails,
  MarketList,
  MarketOverview,
  MarketResponse,
  Position,
  ProbabilityChange,
  Projection,
  PublicMarket,
} from './market.schema.ts';
import { ReviewRow } from './review.schema.ts';
import { Tag } from './tag.schema.ts';
import { AnswerAdditionShape, MarketGroupBody, MarketGroupShape } from './market-group.schema.ts';
import { FinancialMap, PrivateUser, PublicUser } from './user.schema.ts';

export const COMPONENT_SCHEMAS = [
  ErrorBody,
  PublicUser,
  PrivateUser,
  Creator,
  Tag,
  GroupLink,
  MarketResponse,
  PublicMarket,
  ProbabilityChange,
  MarketOverview,
  MarketList,
  MarketDetails,
  BetRow,
  Position,
  Projection,
  Freshness,
  DiscoveryPage,
  AdminUser,
  FinancialMap,
  ReviewRow,
  Amendment,
  MarketGroupShape,
  MarketGroupBody,
  AnswerAdditionShape,
];
