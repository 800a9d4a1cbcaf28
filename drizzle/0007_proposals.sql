CREATE TABLE "market_stewardship_audits" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "market_stewardship_audits_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"market_id" bigint NOT NULL,
	"from_steward_username" text NOT NULL,
	"to_steward_username" text NOT NULL,
	"actor_username" text NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "market_stewardship_audits" ADD CONSTRAINT "market_stewardship_audits_market_id_markets_id_fk" FOREIGN KEY ("market_id") REFERENCES "public"."markets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "market_stewardship_audits" ADD CONSTRAINT "market_stewardship_audits_from_steward_username_users_username_fk" FOREIGN KEY ("from_steward_username") REFERENCES "public"."users"("username") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "market_stewardship_audits" ADD CONSTRAINT "market_stewardship_audits_to_steward_username_users_username_fk" FOREIGN KEY ("to_steward_username") REFERENCES "public"."users"("username") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "market_stewardship_audits_market_id_id_idx" ON "market_stewardship_audits" USING btree ("market_id","id");