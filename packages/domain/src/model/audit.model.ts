// One row of the append-only audit log (docs/api.md#audit-log): who attempted which write on what, and how it ended.

export interface AuditEntry {
  /** epoch milliseconds: when the write committed, or when it was refused */
  readonly at: number;
  /** a username, or `cli:<os user>` for the operator */
  readonly actor: string;
  /** the use-case name, e.g. `placeBet` */
  readonly action: string;
  /** what the write is about (market id, username); null when the input names nothing */
  readonly target: string | null;
  readonly requestId: string | null;
  /** `ok`, or the error code of the refusal */
  readonly outcome: string;
  /** the decisive inputs: never passwords, tokens or password hashes */
  readonly inputs: Readonly<Record<string, string | number | boolean | null>>;
}

export interface StoredAuditEntry extends AuditEntry {
  readonly id: number;
}

/** Filters combine with AND; the page is taken newest first. */
export interface AuditQuery {
  readonly actor?: string;
  readonly action?: string;
  readonly target?: string;
  readonly limit: number;
  readonly offset: number;
}
