// The site settings part of the repository contract (docs/api.md#site-settings), run by `describeRepositoryContract`.
import { errAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { defaultSettings, type GovernanceSettings, type StoredSettings } from '@socialpredict/domain';
import type { ContractPorts } from '../support/contract.targets.ts';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0, 123);

export function describeSiteSettingsContract(ports: () => ContractPorts): void {
  describe('site settings', () => {
    const saved: StoredSettings<'governance'> = {
      value: { ...defaultSettings('governance').value, autoApproveMarketProposals: true, marketGroupAnswerAdditionApprovalPolicy: 'admin' },
      version: 2,
      updatedBy: 'admin',
      updatedAt: T0,
    };

    it('reads the defaults at version 1 while a key was never saved', async () => {
      expect((await ports().settings.get('governance'))._unsafeUnwrap()).toEqual(defaultSettings('governance'));
      expect((await ports().settings.get('reportingVisibility'))._unsafeUnwrap()).toEqual({
        value: { systemMetricsPublic: true, globalLeaderboardPublic: true },
        version: 1,
        updatedBy: null,
        updatedAt: null,
      });
    });

    it('saves inside a transaction and reads back what was saved, per key', async () => {
      const result = await ports().unitOfWork.run((tx) => tx.settings.lock('governance').andThen(() => tx.settings.save('governance', saved)));
      expect(result._unsafeUnwrap()).toEqual(saved);
      expect((await ports().settings.get('governance'))._unsafeUnwrap()).toEqual(saved);
      expect((await ports().settings.get('reportingVisibility'))._unsafeUnwrap()).toEqual(defaultSettings('reportingVisibility'));
    });

    it('keeps nothing of a transaction that rolls back', async () => {
      const refused = await ports().unitOfWork.run((tx) =>
        tx.settings.save('governance', saved).andThen(() => tx.settings.lock('governance')).andThen((locked) => {
          expect(locked).toEqual(saved);
          return errAsync({ kind: 'refused' as const });
        }),
      );
      expect(refused.isErr()).toBe(true);
      expect((await ports().settings.get('governance'))._unsafeUnwrap()).toEqual(defaultSettings('governance'));
    });

    it('fills a flag missing from a stored value with its default', async () => {
      const partial = { autoApproveMarketProposals: true } as unknown as GovernanceSettings;
      (await ports().unitOfWork.run((tx) => tx.settings.save('governance', { ...saved, value: partial })))._unsafeUnwrap();
      const read = (await ports().settings.get('governance'))._unsafeUnwrap();
      expect(read.value).toEqual({ ...defaultSettings('governance').value, autoApproveMarketProposals: true });
    });
  });
}
