ALTER TABLE "markets" DROP CONSTRAINT "markets_totals_check";--> statement-breakpoint
ALTER TABLE "markets" ADD COLUMN "trader_count" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Markets traded before this release: their distinct traders, counted once here (docs/performance.md#trader-count).
UPDATE "markets" SET "trader_count" = "traders"."count"
  FROM (SELECT "market_id", count(DISTINCT "username") AS "count" FROM "bets" GROUP BY "market_id") AS "traders"
  WHERE "traders"."market_id" = "markets"."id";--> statement-breakpoint
ALTER TABLE "markets" ADD CONSTRAINT "markets_totals_check" CHECK ("markets"."volume" = "markets"."yes_total" + "markets"."no_total" AND "markets"."volume" >= 0 AND "markets"."dust_total" >= 0
        AND "markets"."row_count" >= 0 AND "markets"."creation_cost" >= 0 AND "markets"."trader_count" >= 0 AND "markets"."trader_count" <= "markets"."row_count");