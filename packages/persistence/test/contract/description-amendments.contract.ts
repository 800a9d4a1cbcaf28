// The description amendments part of the repository contract (docs/api.md#amendments), run by `describeRepositoryContract`.
import { errAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import type { MarketRecord, NewDescriptionAmendment } from '@socialpredict/domain';
import type { ContractPorts } from '../support/contract.targets.ts';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0, 123);

export interface AmendmentFixtures {
  readonly ports: () => ContractPorts;
  /** a user `steward` and two markets it stewards, titled `Rain in Paris?` and `Snow in Oslo?` */
  readonly seed: () => Promise<readonly [MarketRecord, MarketRecord]>;
}

function amendment(marketId: number, version: number, overrides: Partial<NewDescriptionAmendment> = {}): NewDescriptionAmendment {
  return {
    marketId,
    version,
    body: `Clarification ${String(version)}`,
    bodyFormat: 'markdown_lite',
    status: 'pending',
    createdBy: 'steward',
    createdAt: T0 + version,
    updatedAt: T0 + version,
    approvedBy: null,
    approvedAt: null,
    rejectedBy: null,
    rejectedAt: null,
    rejectionReason: null,
    submitReason: 'typo',
    ...overrides,
  };
}

export function describeDescriptionAmendmentsContract({ ports, seed }: AmendmentFixtures): void {
  describe('description amendments', () => {
    const insert = async (values: NewDescriptionAmendment) =>
      (await ports().unitOfWork.run((tx) => tx.amendments.insert(values)))._unsafeUnwrap();

    it('inserts, reads every field back, and lists a market by version', async () => {
      const [rain, snow] = await seed();
      const second = await insert(amendment(rain.id, 3, { submitReason: null }));
      const first = await insert(amendment(rain.id, 2, { status: 'approved', approvedBy: 'auto-approval', approvedAt: T0 }));
      await insert(amendment(snow.id, 2));
      expect(first).toEqual({ ...amendment(rain.id, 2, { status: 'approved', approvedBy: 'auto-approval', approvedAt: T0 }), id: first.id });
      expect((await ports().amendments.listByMarket(rain.id))._unsafeUnwrap()).toEqual([first, second]);
    });

    it('refuses a second amendment with the same market and version', async () => {
      const [rain] = await seed();
      await insert(amendment(rain.id, 2));
      const duplicate = await ports().unitOfWork.run((tx) => tx.amendments.insert(amendment(rain.id, 2)));
      expect(duplicate.isErr()).toBe(true);
    });

    it('filters by status, market, proposer and text, newest first, with the total regardless of paging', async () => {
      const [rain, snow] = await seed();
      const a = await insert(amendment(rain.id, 2, { body: 'Measured at 100% humidity' }));
      const b = await insert(amendment(snow.id, 2, { status: 'rejected', rejectedBy: 'admin', rejectedAt: T0, rejectionReason: 'no' }));
      const c = await insert(amendment(snow.id, 3));
      const list = async (query: Partial<Parameters<ContractPorts['amendments']['list']>[0]>) =>
        (await ports().amendments.list({ limit: 50, offset: 0, ...query }))._unsafeUnwrap();
      expect(await list({})).toEqual({ amendments: [c, b, a], total: 3 });
      expect(await list({ status: 'pending' })).toEqual({ amendments: [c, a], total: 2 });
      expect(await list({ marketId: snow.id, limit: 1, offset: 1 })).toEqual({ amendments: [b], total: 2 });
      expect(await list({ createdBy: 'nobody' })).toEqual({ amendments: [], total: 0 });
      // Literal, case-insensitive: `%` is no wildcard; the market title and the proposer match too.
      expect((await list({ text: '100%' })).amendments).toEqual([a]);
      expect((await list({ text: '0%h' })).amendments).toEqual([]);
      expect((await list({ text: 'OSLO' })).amendments).toEqual([c, b]);
      expect((await list({ text: 'STEWARD' })).total).toBe(3);
    });

    it('locks the existing amendments among the ids in id order and updates one', async () => {
      const [rain] = await seed();
      const a = await insert(amendment(rain.id, 2));
      const b = await insert(amendment(rain.id, 3));
      const approved = { ...b, status: 'approved' as const, approvedBy: 'admin', approvedAt: T0 + 9, updatedAt: T0 + 9 };
      const result = await ports().unitOfWork.run((tx) =>
        tx.amendments.lockByIds([b.id, 999_999, a.id, b.id]).andThen((locked) => {
          expect(locked).toEqual([a, b]);
          return tx.amendments.update(approved);
        }),
      );
      expect(result._unsafeUnwrap()).toEqual(approved);
      expect((await ports().amendments.listByMarket(rain.id))._unsafeUnwrap()).toEqual([a, approved]);
    });

    it('keeps nothing of a transaction that rolls back', async () => {
      const [rain] = await seed();
      const refused = await ports().unitOfWork.run((tx) => tx.amendments.insert(amendment(rain.id, 2)).andThen(() => errAsync({ kind: 'refused' as const })));
      expect(refused.isErr()).toBe(true);
      expect((await ports().amendments.listByMarket(rain.id))._unsafeUnwrap()).toEqual([]);
    });
  });
}
