// The steward's switch for answer additions (docs/api.md#market-groups): when on, answers proposed by others are
// approved at once. The steward or an administrator sets it.
import { err, ok, safeTry, type ResultAsync } from 'neverthrow';
import type { MarketGroup } from '../../model/market-group.model.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { CommitHook } from '../../ports/write-records.port.ts';
import { authorizationDenied, type AuthorizationDenied, type MarketNotFound } from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import type { Actor } from '../shared/actor.ts';
import { groupNotFound, managesGroup } from '../shared/market-group-rules.ts';

export interface UpdateGroupAnswerSettingsInput {
  readonly actor: Actor;
  readonly groupId: number;
  readonly autoApproveAnswerAdditions: boolean;
}

export type UpdateGroupAnswerSettingsError = MarketNotFound | AuthorizationDenied | InfrastructureError;

export type UpdateGroupAnswerSettings = (
  input: UpdateGroupAnswerSettingsInput,
  commit?: CommitHook<MarketGroup>,
) => ResultAsync<MarketGroup, UpdateGroupAnswerSettingsError>;

export function makeUpdateGroupAnswerSettings(deps: Pick<UseCaseDeps, 'unitOfWork' | 'clock'>): UpdateGroupAnswerSettings {
  return (input, commit) =>
    deps.unitOfWork.run((tx) =>
      safeTry(async function* () {
        const group = yield* tx.marketGroups.lockById(input.groupId);
        if (group === null) return err(groupNotFound(input.groupId));
        if (!managesGroup(input.actor, group)) return err(authorizationDenied('Only the steward of the market group or an administrator may change its settings.'));
        const updated = yield* tx.marketGroups.update(group.id, {
          autoApproveAnswerAdditions: input.autoApproveAnswerAdditions,
          updatedAt: deps.clock.now(),
        });
        return ok(updated ?? group);
      }),
      commit,
    );
}
