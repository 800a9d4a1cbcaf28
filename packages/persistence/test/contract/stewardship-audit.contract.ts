// The stewardship-audit part of the repository contract (docs/api.md#proposal-review), run by `describeRepositoryContract`.
import { errAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '@socialpredict/adapters/fakes';
import type { ContractPorts } from '../support/contract.targets.ts';
import { moneyUseCases, seedMarket, seedUser } from '../support/money-use-cases.ts';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0, 123);

export function describeStewardshipAuditContract(ports: () => ContractPorts): void {
  describe('stewardship audits', () => {
    const setup = async () => {
      for (const username of ['alice', 'bob']) await seedUser(ports(), username, 100, T0);
      const useCases = moneyUseCases(ports(), new ManualClock(T0));
      return [await seedMarket(useCases, 'alice', T0), await seedMarket(useCases, 'bob', T0)] as const;
    };
    const audit = (marketId: number, from: string, to: string, createdAt = T0) => ({
      marketId,
      fromStewardUsername: from,
      toStewardUsername: to,
      actorUsername: 'cli',
      reason: 'Away until March',
      createdAt,
    });

    it('records audits with increasing ids and lists those of the markets asked for, oldest first', async () => {
      const [first, second] = await setup();
      const recorded = (
        await ports().unitOfWork.run((tx) =>
          tx.stewardshipAudits
            .record(audit(first.id, 'alice', 'bob'))
            .andThen((one) => tx.stewardshipAudits.record(audit(second.id, 'bob', 'alice', T0 + 1)).map((two) => [one, two] as const))
            .andThen((pair) => tx.stewardshipAudits.record(audit(first.id, 'bob', 'alice', T0 + 2)).map((three) => [...pair, three] as const)),
        )
      )._unsafeUnwrap();
      expect(recorded[0]).toEqual({ id: expect.any(Number), ...audit(first.id, 'alice', 'bob') });
      expect(recorded[1].id).toBeGreaterThan(recorded[0].id);
      expect(recorded[2].id).toBeGreaterThan(recorded[1].id);
      expect((await ports().stewardshipAudits.listForMarkets([first.id]))._unsafeUnwrap()).toEqual([recorded[0], recorded[2]]);
      expect((await ports().stewardshipAudits.listForMarkets([second.id, first.id]))._unsafeUnwrap()).toEqual(recorded);
      expect((await ports().stewardshipAudits.listForMarkets([]))._unsafeUnwrap()).toEqual([]);
    });

    it('keeps nothing of a transaction that rolls back', async () => {
      const [first] = await setup();
      const refused = await ports().unitOfWork.run((tx) =>
        tx.stewardshipAudits.record(audit(first.id, 'alice', 'bob')).andThen(() => errAsync({ kind: 'refused' as const })),
      );
      expect(refused.isErr()).toBe(true);
      expect((await ports().stewardshipAudits.listForMarkets([first.id]))._unsafeUnwrap()).toEqual([]);
    });
  });
}
