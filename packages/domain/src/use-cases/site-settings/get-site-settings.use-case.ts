// Reading the run-time settings (docs/api.md#site-settings): the governance flags are for administrators, reporting
// visibility is public (the web app's editor reads it, and the reporting routes decide who may call them from it).
import type { ResultAsync } from 'neverthrow';
import type { StoredSettings } from '../../model/site-settings.model.ts';
import type { InfrastructureError } from '../../ports/infrastructure.error.ts';
import type { AuthorizationDenied } from '../../errors/use-case.errors.ts';
import type { UseCaseDeps } from '../deps.ts';
import { requireAdmin, type Actor } from '../shared/actor.ts';

export type GetGovernanceSettings = (input: { readonly actor: Actor }) => ResultAsync<StoredSettings<'governance'>, AuthorizationDenied | InfrastructureError>;
export type GetReportingVisibility = () => ResultAsync<StoredSettings<'reportingVisibility'>, InfrastructureError>;

export function makeGetGovernanceSettings(deps: Pick<UseCaseDeps, 'settings'>): GetGovernanceSettings {
  return (input) => requireAdmin(input.actor, 'read the governance settings').asyncAndThen(() => deps.settings.get('governance'));
}

export function makeGetReportingVisibility(deps: Pick<UseCaseDeps, 'settings'>): GetReportingVisibility {
  return () => deps.settings.get('reportingVisibility');
}
