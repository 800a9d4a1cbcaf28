CREATE TABLE "bets" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "bets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"market_id" bigint NOT NULL,
	"username" text NOT NULL,
	"outcome" text NOT NULL,
	"amount" bigint NOT NULL,
	"shares" bigint,
	"dust" bigint,
	"placed_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "bets_outcome_check" CHECK ("bets"."outcome" IN ('YES', 'NO')),
	CONSTRAINT "bets_shape_check" CHECK (("bets"."amount" > 0 AND "bets"."shares" IS NULL AND "bets"."dust" IS NULL)
        OR ("bets"."amount" < 0 AND "bets"."shares" >= 1 AND ("bets"."dust" IS NULL OR ("bets"."dust" >= 0 AND "bets"."dust" <= -"bets"."amount"))))
);
--> statement-breakpoint
CREATE TABLE "ledger_accounts" (
	"account" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"username" text,
	"market_id" bigint,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_accounts_type_check" CHECK ("ledger_accounts"."type" IN ('user', 'pool', 'house', 'mint')),
	CONSTRAINT "ledger_accounts_key_check" CHECK (CASE "ledger_accounts"."type"
        WHEN 'user' THEN "ledger_accounts"."account" = 'user:' || "ledger_accounts"."username" AND "ledger_accounts"."market_id" IS NULL
        WHEN 'pool' THEN "ledger_accounts"."account" = 'pool:' || "ledger_accounts"."market_id" AND "ledger_accounts"."username" IS NULL
        ELSE "ledger_accounts"."account" = "ledger_accounts"."type" AND "ledger_accounts"."username" IS NULL AND "ledger_accounts"."market_id" IS NULL END)
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ledger_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"transaction_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_account" text NOT NULL,
	"to_account" text NOT NULL,
	"amount" bigint NOT NULL,
	"market_id" bigint,
	"occurred_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "ledger_entries_kind_check" CHECK ("ledger_entries"."kind" IN ('INITIAL_BALANCE', 'ADMIN_GRANT', 'MARKET_CREATION', 'PROPOSAL_REFUND', 'ADD_ANSWER_FEE',
        'BUY', 'INITIAL_BET_FEE', 'BUY_FEE', 'SALE', 'SALE_DUST', 'SELL_FEE', 'WIN', 'REFUND', 'POOL_REMAINDER',
        'WORK_PROFIT')),
	CONSTRAINT "ledger_entries_amount_check" CHECK ("ledger_entries"."amount" > 0 AND "ledger_entries"."from_account" <> "ledger_entries"."to_account")
);
--> statement-breakpoint
CREATE TABLE "markets" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "markets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"question_title" text NOT NULL,
	"description" text NOT NULL,
	"outcome_type" text NOT NULL,
	"yes_label" text NOT NULL,
	"no_label" text NOT NULL,
	"creator_username" text NOT NULL,
	"steward_username" text NOT NULL,
	"lifecycle_status" text NOT NULL,
	"resolution_date_time" timestamp (3) with time zone NOT NULL,
	"final_resolution_date_time" timestamp (3) with time zone,
	"resolution_result" text,
	"utc_offset" integer NOT NULL,
	"initial_probability" double precision NOT NULL,
	"initial_subsidization" bigint NOT NULL,
	"initial_yes" bigint NOT NULL,
	"initial_no" bigint NOT NULL,
	"creation_cost" bigint NOT NULL,
	"yes_total" bigint DEFAULT 0 NOT NULL,
	"no_total" bigint DEFAULT 0 NOT NULL,
	"volume" bigint DEFAULT 0 NOT NULL,
	"dust_total" bigint DEFAULT 0 NOT NULL,
	"row_count" bigint DEFAULT 0 NOT NULL,
	"last_placed_at" timestamp (3) with time zone,
	"approved_by" text,
	"approved_at" timestamp (3) with time zone,
	"rejected_by" text,
	"rejected_at" timestamp (3) with time zone,
	"rejection_reason" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "markets_lifecycle_status_check" CHECK ("markets"."lifecycle_status" IN ('proposed', 'published', 'rejected', 'closed', 'resolved', 'cancelled')),
	CONSTRAINT "markets_resolution_check" CHECK (("markets"."lifecycle_status" = 'resolved') = ("markets"."resolution_result" IS NOT NULL)
        AND ("markets"."resolution_result" IS NULL OR "markets"."resolution_result" IN ('YES', 'NO', 'N/A'))
        AND ("markets"."resolution_result" IS NULL) = ("markets"."final_resolution_date_time" IS NULL)),
	CONSTRAINT "markets_seeds_check" CHECK ("markets"."initial_probability" >= 0 AND "markets"."initial_probability" <= 1 AND "markets"."initial_subsidization" >= 1
        AND "markets"."initial_yes" >= 0 AND "markets"."initial_no" >= 0),
	CONSTRAINT "markets_outcome_type_check" CHECK ("markets"."outcome_type" = 'BINARY'),
	CONSTRAINT "markets_totals_check" CHECK ("markets"."volume" = "markets"."yes_total" + "markets"."no_total" AND "markets"."volume" >= 0 AND "markets"."dust_total" >= 0
        AND "markets"."row_count" >= 0 AND "markets"."creation_cost" >= 0)
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "users_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"user_type" text NOT NULL,
	"moderator_status" text NOT NULL,
	"personal_emoji" text NOT NULL,
	"description" text NOT NULL,
	"personal_link_1" text NOT NULL,
	"personal_link_2" text NOT NULL,
	"personal_link_3" text NOT NULL,
	"personal_link_4" text NOT NULL,
	"email" text NOT NULL,
	"password_hash" text NOT NULL,
	"password_version" integer NOT NULL,
	"must_change_password" boolean NOT NULL,
	"account_balance" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username"),
	CONSTRAINT "users_display_name_unique" UNIQUE("display_name"),
	CONSTRAINT "users_user_type_check" CHECK ("users"."user_type" IN ('ADMIN', 'MODERATOR', 'REGULAR')),
	CONSTRAINT "users_moderator_status_check" CHECK ("users"."moderator_status" IN ('none', 'active', 'suspended'))
);
--> statement-breakpoint
ALTER TABLE "bets" ADD CONSTRAINT "bets_market_id_markets_id_fk" FOREIGN KEY ("market_id") REFERENCES "public"."markets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bets" ADD CONSTRAINT "bets_username_users_username_fk" FOREIGN KEY ("username") REFERENCES "public"."users"("username") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_username_users_username_fk" FOREIGN KEY ("username") REFERENCES "public"."users"("username") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_market_id_markets_id_fk" FOREIGN KEY ("market_id") REFERENCES "public"."markets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_market_id_markets_id_fk" FOREIGN KEY ("market_id") REFERENCES "public"."markets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_from_account_fk" FOREIGN KEY ("from_account") REFERENCES "public"."ledger_accounts"("account") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_to_account_fk" FOREIGN KEY ("to_account") REFERENCES "public"."ledger_accounts"("account") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "markets" ADD CONSTRAINT "markets_creator_username_users_username_fk" FOREIGN KEY ("creator_username") REFERENCES "public"."users"("username") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "markets" ADD CONSTRAINT "markets_steward_username_users_username_fk" FOREIGN KEY ("steward_username") REFERENCES "public"."users"("username") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bets_market_id_username_idx" ON "bets" USING btree ("market_id","username");--> statement-breakpoint
CREATE INDEX "bets_market_id_placed_at_id_idx" ON "bets" USING btree ("market_id","placed_at","id");--> statement-breakpoint
CREATE INDEX "bets_username_placed_at_idx" ON "bets" USING btree ("username","placed_at");--> statement-breakpoint
CREATE INDEX "ledger_entries_from_account_id_idx" ON "ledger_entries" USING btree ("from_account","id");--> statement-breakpoint
CREATE INDEX "ledger_entries_to_account_id_idx" ON "ledger_entries" USING btree ("to_account","id");--> statement-breakpoint
CREATE INDEX "markets_lifecycle_status_created_at_idx" ON "markets" USING btree ("lifecycle_status","created_at");--> statement-breakpoint
CREATE INDEX "markets_creator_username_idx" ON "markets" USING btree ("creator_username");--> statement-breakpoint
CREATE INDEX "markets_steward_username_idx" ON "markets" USING btree ("steward_username");