CREATE TABLE "market_tag_links" (
	"market_id" bigint NOT NULL,
	"tag_id" bigint NOT NULL,
	CONSTRAINT "market_tag_links_pkey" PRIMARY KEY("market_id","tag_id")
);
--> statement-breakpoint
CREATE TABLE "market_tags" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "market_tags_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"slug" text NOT NULL,
	"display_name" text NOT NULL,
	"description" text NOT NULL,
	"color_key" text NOT NULL,
	"sort_order" integer NOT NULL,
	"is_active" boolean NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "market_tags_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
ALTER TABLE "market_tag_links" ADD CONSTRAINT "market_tag_links_market_id_markets_id_fk" FOREIGN KEY ("market_id") REFERENCES "public"."markets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "market_tag_links" ADD CONSTRAINT "market_tag_links_tag_id_market_tags_id_fk" FOREIGN KEY ("tag_id") REFERENCES "public"."market_tags"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "market_tag_links_tag_id_idx" ON "market_tag_links" USING btree ("tag_id","market_id");