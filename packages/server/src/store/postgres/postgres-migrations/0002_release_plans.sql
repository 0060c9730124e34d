CREATE TABLE "release_plans" (
	"flag_key" text NOT NULL,
	"environment" text NOT NULL,
	"id" text NOT NULL,
	"rule_id" text,
	"steps" json NOT NULL,
	"guard" json,
	"start_at" text,
	"status" text NOT NULL,
	"steps_applied" integer NOT NULL,
	"next_at" text,
	"observed" json NOT NULL,
	"paused_reason" text,
	"created_by" text NOT NULL,
	"created_at" text NOT NULL,
	"updated_at" text NOT NULL,
	CONSTRAINT "release_plans_flag_key_environment_pk" PRIMARY KEY("flag_key","environment")
);
--> statement-breakpoint
ALTER TABLE "release_plans" ADD CONSTRAINT "release_plans_flag_key_flags_key_fk" FOREIGN KEY ("flag_key") REFERENCES "public"."flags"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "release_plans" ADD CONSTRAINT "release_plans_environment_environments_key_fk" FOREIGN KEY ("environment") REFERENCES "public"."environments"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "release_plans_id" ON "release_plans" USING btree ("id");--> statement-breakpoint
CREATE INDEX "release_plans_next_at" ON "release_plans" USING btree ("next_at");