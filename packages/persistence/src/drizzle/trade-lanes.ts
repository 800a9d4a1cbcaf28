// Group commit for trades (issue 3). Every trade on a market waits for the market's row lock, so one market can take
// no more trades per second than one lock holder can finish. The trades queued on a market in this process therefore
// share one transaction: the market and all their users are locked once (DB-6 order), each work decides in arrival
// order on the state the trades before it left (applied here exactly as the append statement applies it), and then
// every append, with the market's final totals, goes out as one statement, with the commit records and the COMMIT
// right behind it. If the shared transaction fails, none of its trades is committed and each
// one fails; nothing is retried (ERR-5). Other processes' trades are serialised by the same row lock.
import { err, errAsync, ResultAsync, type Result } from 'neverthrow';
import {
  infrastructureError,
  type CommitHook,
  type CommitRecords,
  type InfrastructureError,
  type LockedTrade,
  type StoredBetRow,
  type TradeAppend,
  type TradeContext,
  type TradeWork,
} from '@socialpredict/domain';
import { userChanges } from './ledger.repository.ts';
import type { OperationScope } from './operation.monitor.ts';
import { toInfrastructureError } from './pg-error.mapper.ts';
import { sendCommitRecords } from './commit-records.statements.ts';
import {
  addAppend,
  emptyGroupAppends,
  lockGroup,
  sendGroupAppends,
  storedRowOf,
  type GroupAppends,
  type LockedGroup,
} from './trade.statements.ts';
import type { TransactionRunner, TransactionStatements } from './transaction-runner.ts';

interface QueuedTrade {
  readonly username: string;
  /** runs the work; settles the caller's result when it finishes */
  start(locked: LockedTrade | null, tx: TradeContext): Promise<void>;
  /** settles the caller's result when the work never ran */
  fail(error: InfrastructureError): void;
}

/** How a group's transaction ended: null once committed, or its failure. */
type GroupOutcome = InfrastructureError | null;

/** What a group has locked and what its trades have added so far. */
interface GroupDraft {
  readonly marketId: number;
  readonly group: LockedGroup;
  readonly appends: GroupAppends;
  readonly records: CommitRecords[];
}

export interface TradeLanesOptions {
  /** most trades in one transaction */
  maxGroup: number;
  /** observes the size of every group run (tests, metrics) */
  onGroup?: (size: number) => void;
}

/** What one trade's append does to the rows its group holds, so the next work decides on the same state. */
function applyAppend(group: LockedGroup, trade: TradeAppend): void {
  if (group.market !== null) group.market = { ...group.market, totals: trade.totals, updatedAt: trade.at };
  for (const [username, change] of userChanges(trade.entries)) {
    const user = group.users.get(username);
    if (user !== undefined) group.users.set(username, { ...user, accountBalance: user.accountBalance + change });
  }
  group.traded.add(trade.row.username);
}

function lockedFor(group: LockedGroup, username: string): LockedTrade | null {
  if (group.market === null) return null;
  return { market: group.market, user: group.users.get(username) ?? null, hasPriorRow: group.traded.has(username) };
}

export class TradeLanes {
  readonly #transaction: TransactionRunner;
  /** times the group's statements as `lockTrade` and `appendTrade`, and counts the group's connection */
  readonly #scope: OperationScope;
  readonly #options: TradeLanesOptions;
  /** the queue of every market with a group running; absent when the market is idle */
  readonly #queues = new Map<number, QueuedTrade[]>();

  constructor(transaction: TransactionRunner, scope: OperationScope, options: TradeLanesOptions) {
    this.#transaction = transaction;
    this.#scope = scope;
    this.#options = options;
  }

  trade<T, E>(marketId: number, username: string, work: TradeWork<T, E>): ResultAsync<T, E | InfrastructureError> {
    return new ResultAsync(
      new Promise<Result<T, E | InfrastructureError>>((settle) => {
        this.#enqueue(marketId, {
          username,
          start: async (locked, tx) => {
            try {
              settle(await work(locked, tx));
            } catch (error) {
              settle(err(toInfrastructureError(error, 'trade')));
            }
          },
          fail: (error) => settle(err(error)),
        });
      }),
    );
  }

  #enqueue(marketId: number, trade: QueuedTrade): void {
    const queue = this.#queues.get(marketId);
    if (queue !== undefined) {
      queue.push(trade);
      return;
    }
    const fresh = [trade];
    this.#queues.set(marketId, fresh);
    void this.#drain(marketId, fresh);
  }

  async #drain(marketId: number, queue: QueuedTrade[]): Promise<void> {
    while (queue.length > 0) await this.#runGroup(marketId, this.#nextGroup(queue));
    this.#queues.delete(marketId);
  }

  /**
   * The oldest queued trades, at most one per user: a second append moving the same user's row in one transaction
   * can deadlock in PostgreSQL's foreign-key check against a transaction queued for that row. A user's later trades
   * wait for the next group, so each user's trades keep their order.
   */
  #nextGroup(queue: QueuedTrade[]): QueuedTrade[] {
    const group: QueuedTrade[] = [];
    const users = new Set<string>();
    for (let index = 0; index < queue.length && group.length < this.#options.maxGroup; ) {
      const trade = queue[index] as QueuedTrade;
      if (users.has(trade.username)) {
        index += 1;
        continue;
      }
      users.add(trade.username);
      group.push(trade);
      queue.splice(index, 1);
    }
    return group;
  }

  async #runGroup(marketId: number, trades: readonly QueuedTrade[]): Promise<void> {
    this.#options.onGroup?.(trades.length);
    const started = new Set<QueuedTrade>();
    let settleCommit!: (outcome: GroupOutcome) => void;
    // Every append of the group resolves through this: its row once the group has committed, or the group's failure.
    const committed = new Promise<GroupOutcome>((resolve) => {
      settleCommit = resolve;
    });
    try {
      await this.#scope.hold(() =>
        this.#transaction(({ statements }) => this.#decideAndCommit(statements, marketId, trades, started, committed)),
      );
      settleCommit(null);
    } catch (error) {
      const failure = toInfrastructureError(error, 'trade');
      settleCommit(failure);
      for (const trade of trades) if (!started.has(trade)) trade.fail(failure);
    }
  }

  /**
   * Locks the group's rows and draws its bet ids, lets each work decide in turn, then sends every append in one
   * statement, the commit records in one more and the COMMIT behind them, without waiting in between unless a claim
   * of an idempotent request must be confirmed first.
   */
  async #decideAndCommit(
    statements: TransactionStatements,
    marketId: number,
    trades: readonly QueuedTrade[],
    started: Set<QueuedTrade>,
    committed: Promise<GroupOutcome>,
  ): Promise<void> {
    const usernames = trades.map((trade) => trade.username);
    const group = await this.#scope.inTransaction.run('lockTrade', () => lockGroup(statements, marketId, usernames));
    const appends = emptyGroupAppends();
    const records: CommitRecords[] = [];
    for (const trade of trades) {
      started.add(trade);
      await this.#turn(trade, { marketId, group, appends, records }, committed);
    }
    if (appends.last === null) {
      await statements.commit();
      return;
    }
    const sent = this.#scope.inTransaction.run('appendTrade', () => sendGroupAppends(statements, marketId, appends));
    sent.catch(() => undefined);
    const { audited, claimsHeld } = sendCommitRecords(statements, records);
    await claimsHeld;
    await Promise.all([statements.commit(), sent, audited]);
  }

  /** Runs one work until it has added its append or finished without one; the next work then decides. */
  #turn(trade: QueuedTrade, { marketId, group, appends, records }: GroupDraft, committed: Promise<GroupOutcome>): Promise<void> {
    return new Promise<void>((done) => {
      let appended = false;
      const tx: TradeContext = {
        appendTrade: (append, commit?: CommitHook<StoredBetRow>): ResultAsync<StoredBetRow, InfrastructureError> => {
          if (appended) return errAsync(infrastructureError('UNEXPECTED', 'a trade appends once'));
          appended = true;
          const id = group.ids[appends.bets.length];
          let stored: StoredBetRow;
          try {
            if (id === undefined) throw new Error('the group drew fewer bet ids than it has trades');
            // The group's statement writes every row to the locked market, whatever a row says.
            if (append.row.marketId !== marketId) throw new Error(`a trade of market ${String(marketId)} appended a row of another market`);
            stored = storedRowOf(id, append);
            // The hook runs before the row joins the group: a hook that throws leaves nothing of its trade behind.
            const record = commit?.(stored);
            addAppend(appends, stored, append);
            if (record !== undefined) records.push(record);
          } catch (error) {
            done();
            return errAsync(toInfrastructureError(error, 'appendTrade'));
          }
          applyAppend(group, append);
          done();
          const settled = committed.then((outcome) => {
            if (outcome !== null) throw outcome;
            return stored;
          });
          return ResultAsync.fromPromise(settled, (error) => toInfrastructureError(error, 'appendTrade'));
        },
      };
      void trade.start(lockedFor(group, trade.username), tx).finally(done);
    });
  }
}
