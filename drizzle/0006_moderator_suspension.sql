ALTER TABLE "users" ADD COLUMN "moderator_suspension_reason" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "moderator_suspended_by" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "moderator_suspended_at" timestamp (3) with time zone;