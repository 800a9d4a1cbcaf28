// The decisions behind description amendments (docs/api.md#amendments): who may propose, what text, on which
// markets, and how a single or grouped review settles pending amendments all or nothing.
import { describe, expect, it } from 'vitest';
import type { DescriptionAmendment } from '../../src/model/description-amendment.model.ts';
import type { LifecycleStatus } from '../../src/model/market.model.ts';
import {
  AUTO_APPROVER,
  checkAmendable,
  checkProposal,
  checkProposer,
  newAmendment,
  nextAmendmentVersion,
  reviewAmendments,
} from '../../src/use-cases/description-amendments/amendment-rules.ts';

const NOW = Date.UTC(2026, 2, 1, 12);
const HOUR = 3_600_000;
const market = { stewardUsername: 'stew' };

function pending(id: number, overrides: Partial<DescriptionAmendment> = {}): DescriptionAmendment {
  return { id, ...newAmendment({ marketId: 7, proposer: 'stew', version: id + 1, autoApprove: false, now: NOW - HOUR, body: `Note ${String(id)}` }), ...overrides };
}

describe('who may propose', () => {
  it('lets the steward propose while an active moderator', () => {
    expect(checkProposer({ username: 'stew', role: 'MODERATOR', moderatorStatus: 'active' }, market).isOk()).toBe(true);
  });

  it('refuses with AUTHORIZATION_DENIED anyone else, and the steward while not an active moderator', () => {
    const refused = [
      { username: 'other', role: 'MODERATOR', moderatorStatus: 'active' },
      { username: 'stew', role: 'MODERATOR', moderatorStatus: 'suspended' },
      { username: 'stew', role: 'REGULAR', moderatorStatus: 'none' },
      { username: 'stew', role: 'ADMIN', moderatorStatus: 'none' },
    ] as const;
    for (const proposer of refused) {
      expect(checkProposer(proposer, market)._unsafeUnwrapErr().code, JSON.stringify(proposer)).toBe('AUTHORIZATION_DENIED');
    }
  });
});

describe('what may be proposed', () => {
  it('takes a body of 1–2000 code points and a submit reason of at most 500', () => {
    expect(checkProposal({ body: '😀'.repeat(2000), submitReason: 'é'.repeat(500) }).isOk()).toBe(true);
    const tooLong = checkProposal({ body: 'x'.repeat(2001), submitReason: 'y'.repeat(501) })._unsafeUnwrapErr();
    expect(tooLong).toMatchObject({ code: 'VALIDATION_FAILED', fields: { body: [expect.any(String)], submitReason: [expect.any(String)] } });
    expect(checkProposal({ body: '   ' })._unsafeUnwrapErr().code).toBe('VALIDATION_FAILED');
  });

  it('accepts amendments on proposed and open markets only (409 INVALID_STATE otherwise)', () => {
    const future = NOW + HOUR;
    const at = (lifecycleStatus: LifecycleStatus, resolutionDateTime = future) => checkAmendable({ lifecycleStatus, resolutionDateTime }, NOW);
    expect(at('published').isOk()).toBe(true);
    expect(at('proposed').isOk()).toBe(true);
    for (const refused of [at('resolved'), at('closed'), at('rejected'), at('cancelled'), at('published', NOW)]) {
      expect(refused._unsafeUnwrapErr().code).toBe('INVALID_STATE');
    }
  });
});

describe('a new amendment', () => {
  it('takes the version after the highest of its market, 2 for the first', () => {
    expect(nextAmendmentVersion([])).toBe(2);
    expect(nextAmendmentVersion([{ version: 2 }, { version: 4 }, { version: 3 }])).toBe(5);
  });

  it('is pending, or approved at once by the governance flag, with the texts trimmed and an empty reason dropped', () => {
    const base = { marketId: 7, proposer: 'stew', version: 2, now: NOW, body: '  **Clarified**  ', submitReason: '  ' };
    expect(newAmendment({ ...base, autoApprove: false })).toMatchObject({
      status: 'pending', body: '**Clarified**', bodyFormat: 'markdown_lite', approvedBy: null, approvedAt: null, submitReason: null, createdAt: NOW,
    });
    expect(newAmendment({ ...base, autoApprove: true, submitReason: ' typo ' })).toMatchObject({
      status: 'approved', approvedBy: AUTO_APPROVER, approvedAt: NOW, submitReason: 'typo',
    });
  });
});

describe('review', () => {
  const decision = { reviewer: 'boss', now: NOW, reason: ' Clear enough ' };

  it('approves every pending amendment of a grouped review', () => {
    const reviewed = reviewAmendments([pending(1), pending(2)], { ...decision, status: 'approved' })._unsafeUnwrap();
    expect(reviewed).toEqual([
      { ...pending(1), status: 'approved', approvedBy: 'boss', approvedAt: NOW, updatedAt: NOW },
      { ...pending(2), status: 'approved', approvedBy: 'boss', approvedAt: NOW, updatedAt: NOW },
    ]);
  });

  it('rejects with the reason kept, trimmed', () => {
    const [rejected] = reviewAmendments([pending(1)], { ...decision, status: 'rejected' })._unsafeUnwrap();
    expect(rejected).toMatchObject({ status: 'rejected', rejectedBy: 'boss', rejectedAt: NOW, rejectionReason: 'Clear enough', approvedBy: null });
  });

  it('refuses the whole group with 409 when one amendment is no longer pending', () => {
    const refused = reviewAmendments([pending(1), pending(2, { status: 'rejected' })], { ...decision, status: 'approved' });
    expect(refused._unsafeUnwrapErr()).toMatchObject({ code: 'INVALID_STATE', message: expect.stringContaining('2') });
  });

  it('refuses an unknown status or a reason outside 1–500 characters with VALIDATION_FAILED', () => {
    for (const bad of [{ status: 'pending', reason: 'ok' }, { status: 'approved', reason: ' ' }, { status: 'rejected', reason: 'r'.repeat(501) }]) {
      expect(reviewAmendments([pending(1)], { ...decision, ...bad })._unsafeUnwrapErr().code, JSON.stringify(bad)).toBe('VALIDATION_FAILED');
    }
  });
});
