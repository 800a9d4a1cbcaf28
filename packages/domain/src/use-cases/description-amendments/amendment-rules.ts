// The rules of description amendments (docs/api.md#amendments), as pure decisions the proposing and reviewing use
// cases apply under their locks: who may propose, on which markets, with what text, and how a review changes a
// pending amendment. Checks follow docs/api.md#request-pipeline: steward / moderator (403) → body (400) → state (409).
import { err, ok, type Result } from 'neverthrow';
import type { DescriptionAmendment, NewDescriptionAmendment } from '../../model/description-amendment.model.ts';
import type { MarketRecord } from '../../model/market.model.ts';
import type { UserRecord } from '../../model/user.model.ts';
import {
  authorizationDenied,
  invalidState,
  validationFailed,
  type AuthorizationDenied,
  type InvalidState,
  type ValidationFailed,
} from '../../errors/use-case.errors.ts';
import { publicMarketStatus } from '../shared/market-status.ts';

export const AMENDMENT_BODY_MAX = 2000;
export const AMENDMENT_REASON_MAX = 500;
/** who `approvedBy` names when the governance flag approved the amendment at once */
export const AUTO_APPROVER = 'auto-approval';

const codePoints = (text: string) => [...text].length;

export interface AmendmentProposal {
  readonly body: string;
  /** absent or empty: none given */
  readonly submitReason?: string;
  /** fields an adapter's input screen refused, reported with this proposal's own body problems */
  readonly screenProblems?: Readonly<Record<string, readonly string[]>>;
}

/** "U + S + M" (docs/api.md#roles): only the market's steward, and only while an active moderator. */
export function checkProposer(proposer: Pick<UserRecord, 'username' | 'role' | 'moderatorStatus'>, market: Pick<MarketRecord, 'stewardUsername'>): Result<void, AuthorizationDenied> {
  if (proposer.username !== market.stewardUsername) {
    return err(authorizationDenied('Only the steward of the market may propose description amendments.'));
  }
  if (proposer.role !== 'MODERATOR' || proposer.moderatorStatus !== 'active') {
    return err(authorizationDenied('Only an active moderator may propose description amendments.'));
  }
  return ok(undefined);
}

export function checkProposal(proposal: AmendmentProposal): Result<void, ValidationFailed> {
  const fields: Record<string, string[]> = Object.fromEntries(Object.entries(proposal.screenProblems ?? {}).map(([field, problems]) => [field, [...problems]]));
  const length = codePoints(proposal.body.trim());
  if ((length < 1 || length > AMENDMENT_BODY_MAX) && fields['body'] === undefined) fields['body'] = [`must be 1–${String(AMENDMENT_BODY_MAX)} characters`];
  if (codePoints(proposal.submitReason ?? '') > AMENDMENT_REASON_MAX) fields['submitReason'] = [`must be at most ${String(AMENDMENT_REASON_MAX)} characters`];
  return Object.keys(fields).length === 0 ? ok(undefined) : err(validationFailed(fields));
}

/** A market takes amendments while it is proposed or open; closed, resolved, rejected or cancelled is 409. */
export function checkAmendable(market: Pick<MarketRecord, 'lifecycleStatus' | 'resolutionDateTime'>, now: number): Result<void, InvalidState> {
  const status = publicMarketStatus(market, now);
  if (status === 'active' || status === 'proposed') return ok(undefined);
  return err(invalidState(`A ${status} market does not accept description amendments.`));
}

/** The description is version 1; each amendment takes the next version of its market. */
export function nextAmendmentVersion(existing: readonly Pick<DescriptionAmendment, 'version'>[]): number {
  return existing.reduce((highest, amendment) => Math.max(highest, amendment.version), 1) + 1;
}

/** The amendment as first stored: pending, or approved at once when the governance flag says so. */
export function newAmendment(
  input: { readonly marketId: number; readonly proposer: string; readonly version: number; readonly autoApprove: boolean; readonly now: number } & AmendmentProposal,
): NewDescriptionAmendment {
  const { marketId, proposer, version, autoApprove, now } = input;
  const submitReason = input.submitReason?.trim() ?? '';
  return {
    marketId,
    version,
    body: input.body.trim(),
    bodyFormat: 'markdown_lite',
    status: autoApprove ? 'approved' : 'pending',
    createdBy: proposer,
    createdAt: now,
    updatedAt: now,
    approvedBy: autoApprove ? AUTO_APPROVER : null,
    approvedAt: autoApprove ? now : null,
    rejectedBy: null,
    rejectedAt: null,
    rejectionReason: null,
    submitReason: submitReason === '' ? null : submitReason,
  };
}

export interface ReviewDecision {
  readonly status: string;
  /** required for both decisions: the web app asks for it on approval too */
  readonly reason: string;
  readonly reviewer: string;
  readonly now: number;
}

export function checkDecision(decision: Pick<ReviewDecision, 'status' | 'reason'>): Result<'approved' | 'rejected', ValidationFailed> {
  const fields: Record<string, string[]> = {};
  if (decision.status !== 'approved' && decision.status !== 'rejected') fields['status'] = ['must be approved or rejected'];
  const length = codePoints(decision.reason.trim());
  if (length < 1 || length > AMENDMENT_REASON_MAX) fields['reason'] = [`must be 1–${String(AMENDMENT_REASON_MAX)} characters`];
  if (Object.keys(fields).length > 0) return err(validationFailed(fields));
  return ok(decision.status as 'approved' | 'rejected');
}

/**
 * The reviewed amendments, all or none: one that is no longer pending refuses the whole review with 409, so a grouped
 * review never half-applies. The reason is kept as the rejection reason; an approval's reason goes to the audit log.
 */
export function reviewAmendments(
  amendments: readonly DescriptionAmendment[],
  decision: ReviewDecision,
): Result<DescriptionAmendment[], ValidationFailed | InvalidState> {
  return checkDecision(decision).andThen((status) => {
    const settled = amendments.find((amendment) => amendment.status !== 'pending');
    if (settled !== undefined) {
      return err(invalidState(`Amendment ${String(settled.id)} is already ${settled.status}.`));
    }
    const { reviewer, now } = decision;
    return ok(
      amendments.map((amendment): DescriptionAmendment =>
        status === 'approved'
          ? { ...amendment, status, approvedBy: reviewer, approvedAt: now, updatedAt: now }
          : { ...amendment, status, rejectedBy: reviewer, rejectedAt: now, rejectionReason: decision.reason.trim(), updatedAt: now },
      ),
    );
  });
}
