CREATE TABLE "market_group_answer_additions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "market_group_answer_additions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"group_id" bigint NOT NULL,
	"market_id" bigint,
	"answer_label" text NOT NULL,
	"status" text NOT NULL,
	"proposed_by" text NOT NULL,
	"reviewed_by" text,
	"reviewed_at" timestamp (3) with time zone,
	"rejection_reason" text,
	"addition_cost" bigint NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "market_group_answer_additions_status_check" CHECK ("market_group_answer_additions"."status" IN ('pending', 'approved', 'rejected')),
	CONSTRAINT "market_group_answer_additions_cost_check" CHECK ("market_group_answer_additions"."addition_cost" >= 0),
	CONSTRAINT "market_group_answer_additions_market_check" CHECK (("market_group_answer_additions"."status" = 'approved') = ("market_group_answer_additions"."market_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "market_group_answers" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "market_group_answers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"group_id" bigint NOT NULL,
	"market_id" bigint NOT NULL,
	"answer_label" text NOT NULL,
	"display_order" integer NOT NULL,
	CONSTRAINT "market_group_answers_market_id_key" UNIQUE("market_id"),
	CONSTRAINT "market_group_answers_group_order_key" UNIQUE("group_id","display_order"),
	CONSTRAINT "market_group_answers_display_order_check" CHECK ("market_group_answers"."display_order" >= 1)
);
--> statement-breakpoint
CREATE TABLE "market_groups" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "market_groups_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"question_title" text NOT NULL,
	"description" text NOT NULL,
	"creator_username" text NOT NULL,
	"steward_username" text NOT NULL,
	"lifecycle_status" text NOT NULL,
	"resolution_date_time" timestamp (3) with time zone NOT NULL,
	"proposal_cost" bigint NOT NULL,
	"auto_approve_answer_additions" boolean NOT NULL,
	"approved_by" text,
	"approved_at" timestamp (3) with time zone,
	"rejected_by" text,
	"rejected_at" timestamp (3) with time zone,
	"rejection_reason" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "market_groups_lifecycle_status_check" CHECK ("market_groups"."lifecycle_status" IN ('proposed', 'published', 'rejected', 'closed', 'resolved', 'cancelled')),
	CONSTRAINT "market_groups_proposal_cost_check" CHECK ("market_groups"."proposal_cost" >= 0)
);
--> statement-breakpoint
ALTER TABLE "market_group_answer_additions" ADD CONSTRAINT "market_group_answer_additions_group_id_market_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."market_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "market_group_answer_additions" ADD CONSTRAINT "market_group_answer_additions_market_id_markets_id_fk" FOREIGN KEY ("market_id") REFERENCES "public"."markets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "market_group_answer_additions" ADD CONSTRAINT "market_group_answer_additions_proposed_by_users_username_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("username") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "market_group_answers" ADD CONSTRAINT "market_group_answers_group_id_market_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."market_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "market_group_answers" ADD CONSTRAINT "market_group_answers_market_id_markets_id_fk" FOREIGN KEY ("market_id") REFERENCES "public"."markets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "market_groups" ADD CONSTRAINT "market_groups_creator_username_users_username_fk" FOREIGN KEY ("creator_username") REFERENCES "public"."users"("username") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "market_groups" ADD CONSTRAINT "market_groups_steward_username_users_username_fk" FOREIGN KEY ("steward_username") REFERENCES "public"."users"("username") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "market_group_answer_additions_group_id_idx" ON "market_group_answer_additions" USING btree ("group_id","id");--> statement-breakpoint
CREATE INDEX "market_group_answer_additions_status_id_idx" ON "market_group_answer_additions" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "market_groups_lifecycle_status_id_idx" ON "market_groups" USING btree ("lifecycle_status","id");--> statement-breakpoint
CREATE INDEX "market_groups_steward_username_idx" ON "market_groups" USING btree ("steward_username");