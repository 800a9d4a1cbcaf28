// A change of a market's steward by an administrator (docs/api.md#proposal-review): kept for the review page, never
// edited or deleted.
export interface StewardshipAudit {
  readonly id: number;
  readonly marketId: number;
  readonly fromStewardUsername: string;
  readonly toStewardUsername: string;
  /** the administrator's username, or the operator's name */
  readonly actorUsername: string;
  readonly reason: string;
  readonly createdAt: number;
}

export type NewStewardshipAudit = Omit<StewardshipAudit, 'id'>;
