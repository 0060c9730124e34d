CREATE TABLE `release_plans` (
	`flag_key` text NOT NULL,
	`environment` text NOT NULL,
	`id` text NOT NULL,
	`rule_id` text,
	`steps` text NOT NULL,
	`guard` text,
	`start_at` text,
	`status` text NOT NULL,
	`steps_applied` integer NOT NULL,
	`next_at` text,
	`observed` text NOT NULL,
	`paused_reason` text,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`flag_key`, `environment`),
	FOREIGN KEY (`flag_key`) REFERENCES `flags`(`key`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`environment`) REFERENCES `environments`(`key`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `release_plans_id` ON `release_plans` (`id`);--> statement-breakpoint
CREATE INDEX `release_plans_next_at` ON `release_plans` (`next_at`);