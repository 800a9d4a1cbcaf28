// Settings an administrator edits at run time (docs/api.md#site-settings): governance flags and reporting visibility.
// Each key is stored with a version for optimistic concurrency; a key never saved reads as its defaults at version 1.

export type AnswerAdditionApprovalPolicy = 'auto' | 'moderator' | 'admin';

/** Review policies (docs/api.md#governance-settings). */
export interface GovernanceSettings {
  readonly autoApproveDescriptionAmendments: boolean;
  readonly autoApproveMarketProposals: boolean;
  readonly autoApproveMarketGroupAnswers: boolean;
  readonly marketGroupAnswerAdditionApprovalPolicy: AnswerAdditionApprovalPolicy;
}

/** Which reports anonymous callers may read (docs/api.md#reporting-visibility). */
export interface ReportingVisibility {
  readonly systemMetricsPublic: boolean;
  readonly globalLeaderboardPublic: boolean;
}

export interface SiteSettingsValues {
  readonly governance: GovernanceSettings;
  readonly reportingVisibility: ReportingVisibility;
}

export type SiteSettingsKey = keyof SiteSettingsValues;

export interface StoredSettings<K extends SiteSettingsKey> {
  readonly value: SiteSettingsValues[K];
  /** 1 while never saved; each save adds one */
  readonly version: number;
  readonly updatedBy: string | null;
  /** epoch ms; null while never saved */
  readonly updatedAt: number | null;
}

export const SITE_SETTINGS_DEFAULTS: SiteSettingsValues = {
  governance: {
    autoApproveDescriptionAmendments: false,
    autoApproveMarketProposals: false,
    autoApproveMarketGroupAnswers: false,
    marketGroupAnswerAdditionApprovalPolicy: 'moderator',
  },
  reportingVisibility: { systemMetricsPublic: true, globalLeaderboardPublic: true },
};

export function defaultSettings<K extends SiteSettingsKey>(key: K): StoredSettings<K> {
  return { value: SITE_SETTINGS_DEFAULTS[key], version: 1, updatedBy: null, updatedAt: null };
}
