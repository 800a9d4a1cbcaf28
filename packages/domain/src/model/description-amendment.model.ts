// A description amendment (docs/api.md#amendments): append-only clarifying text a market's steward proposes; once an
// administrator approves it (or the governance flag approves it at once), the market page shows it under the
// description. The description itself never changes. Versions count per market: the description is version 1, its
// first amendment version 2, and so on, whatever became of the amendments before it.

export type AmendmentStatus = 'pending' | 'approved' | 'rejected';
export type AmendmentBodyFormat = 'markdown_lite';

export interface DescriptionAmendment {
  readonly id: number;
  readonly marketId: number;
  /** ≥ 2, unique per market */
  readonly version: number;
  /** 1–2000 code points, sanitised at the boundary */
  readonly body: string;
  readonly bodyFormat: AmendmentBodyFormat;
  readonly status: AmendmentStatus;
  readonly createdBy: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** `auto-approval` when the governance flag approved it */
  readonly approvedBy: string | null;
  readonly approvedAt: number | null;
  readonly rejectedBy: string | null;
  readonly rejectedAt: number | null;
  readonly rejectionReason: string | null;
  readonly submitReason: string | null;
}

export type NewDescriptionAmendment = Omit<DescriptionAmendment, 'id'>;
