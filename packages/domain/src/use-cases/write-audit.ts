// The audit log of every write (docs/api.md#audit-log): one record keyed by use-case name saying whether a use case
// is audited and, if so, what its row names as target and which inputs it keeps. A new use case does not compile
// until it is listed. `withAudit` applies the table for every driver alike (the HTTP adapter, the CLI): a committed
// write's row goes into the write's own transaction through the commit hook, a refused write's row is appended on
// its own, so each call leaves exactly one row. Inputs are chosen field by field, so a password, token or hash can
// only reach the log by being listed here.
import { err, ok, type ResultAsync } from 'neverthrow';
import type { AuditEntry } from '../model/audit.model.ts';
import type { AuditLogRepository } from '../ports/audit-log.port.ts';
import type { Clock } from '../ports/clock.port.ts';
import type { InfrastructureError } from '../ports/infrastructure.error.ts';
import type { CommitHook } from '../ports/write-records.port.ts';
import type { UseCases } from './all-use-cases.ts';
import type { UseCaseName } from './write-follow-ups.ts';

type UseCaseInput<K extends UseCaseName> = Parameters<UseCases[K]>[0];
type UseCaseOutput<K extends UseCaseName> = UseCases[K] extends (...args: never[]) => ResultAsync<infer O, unknown> ? O : never;

type AuditInputs = AuditEntry['inputs'];

export interface AuditSpec<I, O> {
  /** the output is absent when the write was refused */
  target(input: I, output: O | undefined): string | null;
  inputs(input: I): AuditInputs;
}

/** Who drives a write: a username or `cli:<os user>`, and the request id when there is one. */
export interface WriteOrigin {
  readonly actor: string;
  readonly requestId: string | null;
}

/** What a driver passes to an audited use case beside its input. */
export interface WriteCall<O> {
  readonly origin: WriteOrigin;
  /** the driver's own records (the HTTP idempotency record), committed with the write */
  readonly commit?: CommitHook<O>;
}

const NONE = (): AuditInputs => ({});

export const WRITE_AUDIT = {
  authenticate: null,
  // Login changes nothing but a rehashed password; it is not audited (docs/api.md#audit-log).
  login: null,
  changePassword: { target: (input) => input.username, inputs: NONE },
  updateProfile: {
    target: (input) => input.username,
    inputs: (input) => ({ fields: Object.keys(input.changes).sort().join(',') }),
  },
  getUser: null,
  getUserCredit: null,
  registerUser: { target: (input) => input.username, inputs: NONE },
  provisionAccount: {
    target: (input) => input.account.username,
    inputs: (input) => ({
      role: input.account.role,
      whenExists: input.whenExists,
      grant: input.grant ?? 0,
    }),
  },
  resetPassword: { target: (input) => input.username, inputs: NONE },
  setRole: {
    target: (input) => input.username,
    inputs: (input) => ({
      change: input.change.kind,
      role: input.change.kind === 'role' ? input.change.role : null,
      reason: input.reason?.trim() || null,
    }),
  },
  grantCredits: { target: (input) => input.username, inputs: (input) => ({ amount: input.amount }) },
  getPortfolio: null,
  getUserFinancials: null,
  listStewardedMarkets: null,
  listMarkets: null,
  searchMarkets: null,
  getMarketDetails: null,
  getMarketSummary: null,
  listBets: null,
  listMarketPositions: null,
  createMarket: {
    target: (_input, output) => (output === undefined ? null : String(output.id)),
    inputs: (input) => ({ questionTitle: input.questionTitle, resolutionDateTime: input.resolutionDateTime }),
  },
  getUserPosition: null,
  getMarketLeaderboard: null,
  warmMarketHistories: null,
  placeBet: {
    target: (input) => String(input.marketId),
    inputs: (input) => ({ outcome: input.outcome, amount: input.amount }),
  },
  projectBet: null,
  quoteSale: null,
  sell: {
    target: (input) => String(input.marketId),
    inputs: (input) => ({ outcome: input.outcome, amount: input.amount }),
  },
  resolveMarket: {
    target: (input) => String(input.marketId),
    inputs: (input) => ({ resolution: input.resolution }),
  },
  getFinancialStats: null,
  getSystemMetrics: null,
  getGlobalLeaderboard: null,
  listAuditEntries: null,
  getGovernanceSettings: null,
  getReportingVisibility: null,
  updateSiteSettings: {
    target: (input) => input.key,
    inputs: (input) => ({ version: input.version, ...(input.changes as Record<string, string | boolean>) }),
  },
  listUsers: null,
  getFinancialSummary: null,
  listReviewMarkets: null,
  approveMarket: { target: (input) => String(input.marketId), inputs: NONE },
  rejectMarket: { target: (input) => String(input.marketId), inputs: (input) => ({ reason: input.reason }) },
  reassignSteward: {
    target: (input) => String(input.marketId),
    inputs: (input) => ({ stewardUsername: input.stewardUsername, reason: input.reason }),
  },
  listMarketTags: null,
  createMarketTag: {
    // A slug left empty is derived from the display name: the created tag names it.
    target: (input, output) => output?.slug ?? input.slug,
    inputs: (input) => ({ displayName: input.displayName, isActive: input.isActive ?? true }),
  },
  updateMarketTag: {
    target: (input) => input.slug,
    inputs: (input) => ({
      fields: Object.keys(input.changes).sort().join(','),
      ...(input.changes.isActive === undefined ? {} : { isActive: input.changes.isActive }),
    }),
  },
  setMarketTags: {
    target: (input) => String(input.marketId),
    inputs: (input) => ({ tagSlugs: input.tagSlugs.join(',') }),
  },
  proposeAmendment: {
    target: (input) => String(input.marketId),
    inputs: (input) => ({ submitReason: input.submitReason?.trim() || null }),
  },
  // The target names the amendments; an approval's reason is kept only here (docs/api.md#amendments).
  reviewAmendments: {
    target: (input) => [...new Set(input.amendmentIds)].join(','),
    inputs: (input) => ({ status: input.status, reason: input.reason.trim() }),
  },
  listAmendments: null,
  listOwnAmendments: null,
  createMarketGroup: {
    target: (_input, output) => (output === undefined ? null : `group:${String(output.group.id)}`),
    inputs: (input) => ({ questionTitle: input.questionTitle, answers: input.answerLabels.length }),
  },
  resolveMarketGroup: {
    target: (input) => `group:${String(input.groupId)}`,
    inputs: (input) => ({ mode: input.mode, winningMarketId: input.winningMarketId ?? null }),
  },
  getMarketGroup: null,
  proposeGroupAnswer: {
    target: (input) => `group:${String(input.groupId)}`,
    inputs: (input) => ({ answerLabel: input.answerLabel }),
  },
  reviewGroupAnswer: {
    target: (input) => `answer-addition:${String(input.additionId)}`,
    inputs: (input) => ({ status: input.status, reason: input.reason?.trim() ?? null }),
  },
  listGroupAnswerAdditions: null,
  updateGroupAnswerSettings: {
    target: (input) => `group:${String(input.groupId)}`,
    inputs: (input) => ({ autoApproveAnswerAdditions: input.autoApproveAnswerAdditions }),
  },
  listReviewQueue: null,
  approveMarketGroup: { target: (input) => `group:${String(input.groupId)}`, inputs: NONE },
  rejectMarketGroup: { target: (input) => `group:${String(input.groupId)}`, inputs: (input) => ({ reason: input.reason }) },
  reassignGroupSteward: {
    target: (input) => `group:${String(input.groupId)}`,
    inputs: (input) => ({ stewardUsername: input.stewardUsername, reason: input.reason }),
  },
  setMarketGroupTags: { target: (input) => `group:${String(input.groupId)}`, inputs: (input) => ({ tagSlugs: input.tagSlugs.join(',') }) },
  getHomeContent: null,
  // Content saves keep the shape of what changed, not the text itself (a page can be long).
  updateHomeContent: { target: () => 'home', inputs: (input) => ({ version: input.version, format: input.format }) },
  getDiscoveryPage: null,
  updateDiscoveryPage: {
    target: (input) => input.slug,
    inputs: (input) => ({ version: input.version, fields: Object.keys(input.changes).sort().join(',') }),
  },
  setDiscoveryPins: {
    target: (input) => input.slug,
    inputs: (input) => ({ pins: input.pins.map((pin) => (pin.pinType === 'market' ? `market:${String(pin.marketId)}` : `page:${pin.targetPageSlug ?? ''}`)).join(',') }),
  },
  getShareSettings: null,
  updateShareSettings: {
    target: () => 'social-share',
    inputs: (input) => ({ version: input.version, imageEnabled: input.imageEnabled ?? null, defaultImageUrl: input.defaultImageUrl }),
  },
  getShareImage: null,
  uploadShareImage: { target: () => 'social-share', inputs: (input) => ({ bytes: input.bytes.length }) },
} as const satisfies { readonly [K in UseCaseName]: AuditSpec<UseCaseInput<K>, UseCaseOutput<K>> | null };

export type AuditedUseCaseName = { [K in UseCaseName]: (typeof WRITE_AUDIT)[K] extends null ? never : K }[UseCaseName];

/** The use cases as drivers call them: every audited write takes the caller's `WriteCall`. */
export type AuditedUseCases = {
  readonly [K in UseCaseName]: K extends AuditedUseCaseName
    ? (input: UseCaseInput<K>, call: WriteCall<UseCaseOutput<K>>) => ReturnType<UseCases[K]>
    : UseCases[K];
};

export interface AuditFailure {
  readonly useCase: UseCaseName;
  readonly error: InfrastructureError;
}

/**
 * Audits every write of WRITE_AUDIT. A refusal's row that cannot be stored goes to `onFailure`; the caller still
 * gets the refusal. A committed write's row cannot be lost: it commits with the write or not at all.
 */
export function withAudit(
  useCases: UseCases,
  deps: { readonly audit: AuditLogRepository; readonly clock: Clock },
  onFailure: (failure: AuditFailure) => void,
): AuditedUseCases {
  const decorated: Record<string, unknown> = { ...useCases };
  for (const name of Object.keys(WRITE_AUDIT) as UseCaseName[]) {
    const spec = WRITE_AUDIT[name] as AuditSpec<unknown, unknown> | null;
    if (spec === null) continue;
    const useCase = useCases[name] as (input: unknown, commit?: CommitHook<unknown>) => ResultAsync<unknown, { readonly code: string }>;
    decorated[name] = (input: unknown, call: WriteCall<unknown>) => {
      const entry = (outcome: string, output: unknown): AuditEntry => ({
        at: deps.clock.now(),
        actor: call.origin.actor,
        action: name,
        target: spec.target(input, output),
        requestId: call.origin.requestId,
        outcome,
        inputs: spec.inputs(input),
      });
      const commit: CommitHook<unknown> = (output) => ({ ...call.commit?.(output), audit: entry('ok', output) });
      return useCase(input, commit).orElse((refusal) =>
        deps.audit
          .append(entry(refusal.code, undefined))
          .orElse((error) => {
            onFailure({ useCase: name, error });
            return ok(undefined);
          })
          .andThen(() => err(refusal)),
      );
    };
  }
  return decorated as AuditedUseCases;
}
