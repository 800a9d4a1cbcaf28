// VAL-4 on a database: the integrity query passes on books written by the use cases, and one corrupted row of each
// kind is reported as exactly its violation(s). Runs on PGlite and on PostgreSQL.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HOUSE, MINT, transfer, userAccount, type MarketRecord } from '@socialpredict/domain';
import { checkLedgerIntegrity, type IntegrityFinding } from '../src/drizzle/ledger-integrity.query.ts';
import { ManualClock } from '@socialpredict/adapters/fakes';
import { pgliteTarget, postgresTarget, type ContractPorts, type ContractTarget } from './support/contract.targets.ts';
import { moneyUseCases, seedMarket, seedUser } from './support/money-use-cases.ts';

const T0 = Date.UTC(2026, 0, 1);

/** The backfill statement of the migration that added markets.trader_count (docs/performance.md#trader-count). */
const BACKFILL = (() => {
  const migration = readFileSync(fileURLToPath(new URL('../../../drizzle/0012_market_trader_count.sql', import.meta.url)), 'utf8');
  const statement = migration.split('--> statement-breakpoint').find((part) => part.includes('UPDATE "markets"'));
  if (statement === undefined) throw new Error('migration 0012 has no backfill');
  return statement;
})();

function describeIntegrity(target: ContractTarget) {
  describe(`ledger integrity query: ${target.name}`, () => {
    let ports: ContractPorts;
    let open: MarketRecord;
    let resolved: MarketRecord;
    beforeAll(() => target.open());
    afterAll(() => target.close());

    // Books written by the use cases: an open market with two buys and a sale, a market resolved YES.
    beforeEach(async () => {
      ports = await target.fresh();
      const clock = new ManualClock(T0, 1);
      const useCases = moneyUseCases(ports, clock);
      for (const name of ['alice', 'bob', 'carol', 'dave']) await seedUser(ports, name, 100, clock.now());
      open = await seedMarket(useCases, 'dave', clock.now());
      resolved = await seedMarket(useCases, 'dave', clock.now());
      for (const [username, outcome, amount] of [['alice', 'NO', 10], ['bob', 'NO', 30], ['carol', 'YES', 10]] as const) {
        (await useCases.placeBet({ username, marketId: open.id, outcome, amount }))._unsafeUnwrap();
      }
      (await useCases.sell({ username: 'alice', marketId: open.id, outcome: 'NO', amount: 5 }))._unsafeUnwrap();
      (await useCases.placeBet({ username: 'bob', marketId: resolved.id, outcome: 'YES', amount: 20 }))._unsafeUnwrap();
      (await useCases.resolveMarket({ actor: { kind: 'user', username: 'dave', role: 'REGULAR' }, marketId: resolved.id, resolution: 'YES' }))._unsafeUnwrap();
    });

    const database = () => {
      if (target.database === undefined) throw new Error('not a database target');
      return target.database();
    };
    const findings = async (): Promise<IntegrityFinding[]> =>
      (await checkLedgerIntegrity(database(), { maximumDebtAllowed: 500 }))._unsafeUnwrap().findings;
    const corrupt = async (statement: string, params: (string | number)[] = []) => {
      const session = await database().reserve();
      try {
        await session.query(statement, params);
      } finally {
        await session.release();
      }
    };
    const kinds = async () => (await findings()).map((finding) => finding.kind).sort();

    it('passes on books written by the use cases and counts what it read', async () => {
      const report = (await checkLedgerIntegrity(database(), { maximumDebtAllowed: 500 }))._unsafeUnwrap();
      expect(report.findings).toEqual([]);
      expect(report.counts).toMatchObject({ users: 4, markets: 2, bets: 5 });
      expect(report.counts.entries).toBeGreaterThan(10);
    });

    it('a cached user balance that drifted', async () => {
      await corrupt('UPDATE users SET account_balance = account_balance + 1 WHERE username = $1', ['carol']);
      expect(await findings()).toEqual([{ kind: 'STORED_BALANCE_MISMATCH', account: 'user:carol', stored: 90, replayed: 89 }]);
    });

    it('cached market totals that drifted', async () => {
      await corrupt('UPDATE markets SET yes_total = yes_total + 2, volume = volume + 2 WHERE id = $1', [open.id]);
      const [finding] = await findings();
      expect(finding).toMatchObject({ kind: 'MARKET_TOTALS_MISMATCH', marketId: open.id, stored: { yes: 12, no: 36, volume: 48 }, replayed: { yes: 10, no: 36, volume: 46 } });
    });

    it('a trader count that drifted from the distinct traders of the rows', async () => {
      await corrupt('UPDATE markets SET trader_count = trader_count - 1 WHERE id = $1', [open.id]);
      const [finding] = await findings();
      expect(finding).toMatchObject({ kind: 'MARKET_TOTALS_MISMATCH', marketId: open.id });
      const { stored, replayed } = finding as { stored: { traderCount: number }; replayed: { traderCount: number } };
      expect(stored.traderCount).toBe(replayed.traderCount - 1);
    });

    it('counts the traders of markets traded before trader_count existed as migration 0012 does', async () => {
      await corrupt('UPDATE markets SET trader_count = 0');
      expect(await kinds()).toEqual(['MARKET_TOTALS_MISMATCH', 'MARKET_TOTALS_MISMATCH']);
      await corrupt(BACKFILL);
      expect(await findings()).toEqual([]);
    });

    it('a trade row whose amount changed', async () => {
      await corrupt("UPDATE bets SET amount = amount + 5 WHERE market_id = $1 AND username = 'bob'", [open.id]);
      expect(await kinds()).toEqual(['MARKET_TOTALS_MISMATCH', 'OPEN_POOL_MISMATCH']);
    });

    it('a trade row that makes the history invalid', async () => {
      await corrupt("INSERT INTO bets (market_id, username, outcome, amount, shares, placed_at) VALUES ($1, 'carol', 'YES', -1000, 1, now())", [open.id]);
      expect(await kinds()).toEqual(['INVALID_HISTORY', 'MARKET_TOTALS_MISMATCH']);
    });

    it('a market resolved before it was created', async () => {
      await corrupt("UPDATE markets SET created_at = final_resolution_date_time + interval '1 second' WHERE id = $1", [resolved.id]);
      expect(await kinds()).toEqual(['RESOLVED_BEFORE_CREATED']);
    });

    it('a voluntary debit past the debt limit, and credits that left the mint without minting', async () => {
      const posted = await ports.unitOfWork.run((tx) =>
        tx.ledger
          .post(transfer('BUY_FEE', userAccount('bob'), HOUSE, 600), { occurredAt: T0, marketId: null })
          .andThen(() => tx.ledger.post(transfer('WIN', MINT, userAccount('carol'), 5), { occurredAt: T0, marketId: null })),
      );
      posted._unsafeUnwrap();
      expect(await kinds()).toEqual(['DEBT_LIMIT_EXCEEDED', 'MINT_MISMATCH']);
    });
  });
}

describeIntegrity(pgliteTarget());
describe('PostgreSQL', () => {
  describeIntegrity(postgresTarget());
});
