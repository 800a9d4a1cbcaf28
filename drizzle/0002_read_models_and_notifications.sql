CREATE TABLE "notifications" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "notifications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"recipient_username" text NOT NULL,
	"market_id" bigint NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp (3) with time zone,
	CONSTRAINT "notifications_kind_recipient_market_unique" UNIQUE("kind","recipient_username","market_id"),
	CONSTRAINT "notifications_kind_check" CHECK ("notifications"."kind" IN ('resolution_due', 'market_resolved'))
);
--> statement-breakpoint
CREATE TABLE "read_model_snapshots" (
	"kind" text NOT NULL,
	"key" text DEFAULT '' NOT NULL,
	"payload" jsonb,
	"generated_at" timestamp (3) with time zone,
	"stale_since" timestamp (3) with time zone,
	CONSTRAINT "read_model_snapshots_pkey" PRIMARY KEY("kind","key")
);
--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_recipient_username_users_username_fk" FOREIGN KEY ("recipient_username") REFERENCES "public"."users"("username") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_market_id_markets_id_fk" FOREIGN KEY ("market_id") REFERENCES "public"."markets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_market_id_idx" ON "notifications" USING btree ("market_id");