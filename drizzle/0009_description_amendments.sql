CREATE TABLE "description_amendments" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "description_amendments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"market_id" bigint NOT NULL,
	"version" integer NOT NULL,
	"body" text NOT NULL,
	"body_format" text NOT NULL,
	"status" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"approved_by" text,
	"approved_at" timestamp (3) with time zone,
	"rejected_by" text,
	"rejected_at" timestamp (3) with time zone,
	"rejection_reason" text,
	"submit_reason" text,
	CONSTRAINT "description_amendments_market_version_key" UNIQUE("market_id","version"),
	CONSTRAINT "description_amendments_version_check" CHECK ("description_amendments"."version" >= 2)
);
--> statement-breakpoint
ALTER TABLE "description_amendments" ADD CONSTRAINT "description_amendments_market_id_markets_id_fk" FOREIGN KEY ("market_id") REFERENCES "public"."markets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "description_amendments" ADD CONSTRAINT "description_amendments_created_by_users_username_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("username") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "description_amendments_status_id_idx" ON "description_amendments" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "description_amendments_created_by_id_idx" ON "description_amendments" USING btree ("created_by","id");