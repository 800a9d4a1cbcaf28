CREATE TABLE "discovery_pages" (
	"slug" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"page_type" text NOT NULL,
	"primary_tag_slug" text NOT NULL,
	"search_scope" text NOT NULL,
	"featured_topics_enabled" boolean NOT NULL,
	"featured_markets_enabled" boolean NOT NULL,
	"default_recommendation_limit" integer NOT NULL,
	"curated_recommendation_limit" integer NOT NULL,
	"version" integer NOT NULL,
	"updated_by" text,
	"updated_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "discovery_pins" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "discovery_pins_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"page_slug" text NOT NULL,
	"pin_type" text NOT NULL,
	"market_id" bigint,
	"target_page_slug" text,
	"label" text NOT NULL,
	"sort_order" integer NOT NULL,
	CONSTRAINT "discovery_pins_target_check" CHECK (("discovery_pins"."pin_type" = 'market' AND "discovery_pins"."market_id" IS NOT NULL AND "discovery_pins"."target_page_slug" IS NULL) OR ("discovery_pins"."pin_type" = 'discovery_page' AND "discovery_pins"."market_id" IS NULL AND "discovery_pins"."target_page_slug" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "home_content" (
	"singleton" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"title" text NOT NULL,
	"format" text NOT NULL,
	"markdown" text NOT NULL,
	"html" text NOT NULL,
	"version" integer NOT NULL,
	"updated_by" text,
	"updated_at" timestamp (3) with time zone,
	CONSTRAINT "home_content_singleton_check" CHECK ("home_content"."singleton")
);
--> statement-breakpoint
CREATE TABLE "share_image" (
	"singleton" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"content_type" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "share_image_singleton_check" CHECK ("share_image"."singleton")
);
--> statement-breakpoint
CREATE TABLE "share_settings" (
	"singleton" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"site_name" text NOT NULL,
	"default_description" text NOT NULL,
	"default_image_url" text NOT NULL,
	"image_enabled" boolean NOT NULL,
	"image_alt" text NOT NULL,
	"version" integer NOT NULL,
	"updated_by" text,
	"updated_at" timestamp (3) with time zone,
	CONSTRAINT "share_settings_singleton_check" CHECK ("share_settings"."singleton")
);
--> statement-breakpoint
ALTER TABLE "discovery_pins" ADD CONSTRAINT "discovery_pins_page_slug_discovery_pages_slug_fk" FOREIGN KEY ("page_slug") REFERENCES "public"."discovery_pages"("slug") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "discovery_pins" ADD CONSTRAINT "discovery_pins_market_id_markets_id_fk" FOREIGN KEY ("market_id") REFERENCES "public"."markets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "discovery_pins_page_slug_idx" ON "discovery_pins" USING btree ("page_slug","sort_order","id");