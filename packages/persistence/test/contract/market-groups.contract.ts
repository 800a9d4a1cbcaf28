// The market groups part of the repository contract (docs/api.md#market-groups), run by `describeRepositoryContract`.
import { describe, expect, it } from 'vitest';
import type { MarketRecord, NewAnswerAddition, NewMarketGroup } from '@socialpredict/domain';
import type { ContractPorts } from '../support/contract.targets.ts';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0, 123);

export interface MarketGroupFixtures {
  readonly ports: () => ContractPorts;
  /** users `steward` and `other`, and three markets created by `steward` */
  readonly seed: () => Promise<readonly [MarketRecord, MarketRecord, MarketRecord]>;
}

function group(overrides: Partial<NewMarketGroup> = {}): NewMarketGroup {
  return {
    questionTitle: 'Who wins the cup?',
    description: 'Football cup final',
    creatorUsername: 'steward',
    stewardUsername: 'steward',
    lifecycleStatus: 'published',
    resolutionDateTime: T0 + 86_400_000,
    proposalCost: 10,
    autoApproveAnswerAdditions: false,
    approvedBy: null,
    approvedAt: null,
    rejectedBy: null,
    rejectedAt: null,
    rejectionReason: null,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

function addition(groupId: number, overrides: Partial<NewAnswerAddition> = {}): NewAnswerAddition {
  return {
    groupId,
    marketId: null,
    answerLabel: 'Outsider',
    status: 'pending',
    proposedBy: 'other',
    reviewedBy: null,
    reviewedAt: null,
    rejectionReason: null,
    additionCost: 2,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

export function describeMarketGroupsContract({ ports, seed }: MarketGroupFixtures): void {
  describe('market groups', () => {
    const insertGroup = async (values: NewMarketGroup) => (await ports().unitOfWork.run((tx) => tx.marketGroups.insert(values)))._unsafeUnwrap();

    it('inserts a group, reads every field back, updates it and locks it in a transaction', async () => {
      await seed();
      const stored = await insertGroup(group({ approvedBy: 'admin', approvedAt: T0 }));
      expect(stored).toEqual({ ...group({ approvedBy: 'admin', approvedAt: T0 }), id: stored.id });
      expect((await ports().marketGroups.findById(stored.id))._unsafeUnwrap()).toEqual(stored);
      expect((await ports().marketGroups.findById(stored.id + 99))._unsafeUnwrap()).toBeNull();
      const updated = (
        await ports().unitOfWork.run((tx) =>
          tx.marketGroups.lockById(stored.id).andThen(() => tx.marketGroups.update(stored.id, { lifecycleStatus: 'resolved', updatedAt: T0 + 5 })),
        )
      )._unsafeUnwrap();
      expect(updated).toEqual({ ...stored, lifecycleStatus: 'resolved', updatedAt: T0 + 5 });
      expect((await ports().marketGroups.update(stored.id + 99, { updatedAt: T0 }))._unsafeUnwrap()).toBeNull();
    });

    it('lists newest first, filtered by lifecycle and literal text, with the total regardless of paging', async () => {
      await seed();
      const a = await insertGroup(group({ questionTitle: 'Rain 100% in Paris?' }));
      const b = await insertGroup(group({ lifecycleStatus: 'proposed', description: 'about snow' }));
      const c = await insertGroup(group({ lifecycleStatus: 'proposed' }));
      const page = (await ports().marketGroups.list({ lifecycleIn: ['proposed'], limit: 1, offset: 0 }))._unsafeUnwrap();
      expect(page).toEqual({ groups: [c], total: 2 });
      expect((await ports().marketGroups.list({ text: 'SNOW', limit: 10, offset: 0 }))._unsafeUnwrap().groups).toEqual([b]);
      expect((await ports().marketGroups.list({ text: '100%', limit: 10, offset: 0 }))._unsafeUnwrap().groups).toEqual([a]);
      expect((await ports().marketGroups.list({ text: '_', limit: 10, offset: 0 }))._unsafeUnwrap().total).toBe(0);
    });

    it('ties markets to a group in display order and refuses a market in two groups or a taken display order', async () => {
      const [m1, m2, m3] = await seed();
      const cup = await insertGroup(group());
      const other = await insertGroup(group());
      const run = (marketId: number, groupId: number, displayOrder: number) =>
        ports().unitOfWork.run((tx) => tx.marketGroups.insertAnswer({ groupId, marketId, answerLabel: `A${String(displayOrder)}`, displayOrder }));
      const second = (await run(m2.id, cup.id, 2))._unsafeUnwrap();
      const first = (await run(m1.id, cup.id, 1))._unsafeUnwrap();
      expect(first).toEqual({ id: first.id, groupId: cup.id, marketId: m1.id, answerLabel: 'A1', displayOrder: 1 });
      expect((await run(m1.id, other.id, 1)).isErr()).toBe(true);
      expect((await run(m3.id, cup.id, 2)).isErr()).toBe(true);
      expect((await ports().marketGroups.listAnswers(cup.id))._unsafeUnwrap()).toEqual([first, second]);
      expect((await ports().marketGroups.answersForMarkets([m3.id, m2.id, m1.id]))._unsafeUnwrap()).toEqual([first, second]);
      expect((await ports().marketGroups.answersForMarkets([]))._unsafeUnwrap()).toEqual([]);
      expect((await ports().marketGroups.answerMarketIds())._unsafeUnwrap()).toEqual([m1.id, m2.id]);
    });

    it('links a page of markets to their groups in one call: group, answer label, display order and answer count', async () => {
      const [m1, m2, m3] = await seed();
      const cup = await insertGroup(group({ questionTitle: 'Which cup?' }));
      const solo = await insertGroup(group({ questionTitle: 'Which solo?' }));
      const tie = (marketId: number, groupId: number, displayOrder: number) =>
        ports().unitOfWork.run((tx) => tx.marketGroups.insertAnswer({ groupId, marketId, answerLabel: `A${String(displayOrder)}`, displayOrder }));
      (await tie(m1.id, cup.id, 1))._unsafeUnwrap();
      (await tie(m2.id, cup.id, 2))._unsafeUnwrap();
      (await tie(m3.id, solo.id, 1))._unsafeUnwrap();
      const links = (await ports().marketGroups.answerLinksOfMarkets([m2.id, m3.id, m2.id, m3.id + 99]))._unsafeUnwrap();
      expect([...links.entries()].sort(([a], [b]) => a - b)).toEqual([
        [m2.id, { group: cup, answerLabel: 'A2', displayOrder: 2, answerCount: 2 }],
        [m3.id, { group: solo, answerLabel: 'A1', displayOrder: 1, answerCount: 1 }],
      ]);
      expect((await ports().marketGroups.answerLinksOfMarkets([]))._unsafeUnwrap().size).toBe(0);
    });

    it('stores answer additions and lists them by status, group and steward, newest first', async () => {
      const [m1] = await seed();
      const cup = await insertGroup(group());
      const foreign = await insertGroup(group({ stewardUsername: 'other' }));
      const insert = async (values: NewAnswerAddition) =>
        (await ports().unitOfWork.run((tx) => tx.marketGroups.insertAddition(values)))._unsafeUnwrap();
      const a = await insert(addition(cup.id));
      const b = await insert(addition(foreign.id, { proposedBy: 'steward' }));
      const c = await insert(addition(cup.id, { answerLabel: 'Dark horse' }));
      expect(a).toEqual({ ...addition(cup.id), id: a.id });
      const approved = { ...a, status: 'approved' as const, marketId: m1.id, reviewedBy: 'steward', reviewedAt: T0 + 1, updatedAt: T0 + 1 };
      const stored = (
        await ports().unitOfWork.run((tx) => tx.marketGroups.lockAddition(a.id).andThen(() => tx.marketGroups.updateAddition(approved)))
      )._unsafeUnwrap();
      expect(stored).toEqual(approved);
      const list = (query: Parameters<ContractPorts['marketGroups']['listAdditions']>[0]) =>
        ports().marketGroups.listAdditions(query).then((result) => result._unsafeUnwrap());
      expect(await list({ status: 'pending', limit: 10, offset: 0 })).toEqual({ additions: [c, b], total: 2 });
      expect(await list({ groupId: cup.id, limit: 1, offset: 1 })).toEqual({ additions: [approved], total: 2 });
      expect(await list({ stewardedBy: 'other', limit: 10, offset: 0 })).toEqual({ additions: [b], total: 1 });
      expect((await ports().unitOfWork.run((tx) => tx.marketGroups.lockAddition(c.id + 99)))._unsafeUnwrap()).toBeNull();
    });
  });
}
