CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`environment` text,
	`name` text NOT NULL,
	`hash` text NOT NULL,
	`created_at` text NOT NULL,
	`revoked_at` text,
	FOREIGN KEY (`environment`) REFERENCES `environments`(`key`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `audit_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`target_kind` text NOT NULL,
	`target` text NOT NULL,
	`environment` text,
	`before` text,
	`after` text,
	`reason` text
);
--> statement-breakpoint
CREATE INDEX `audit_entries_target` ON `audit_entries` (`target_kind`,`target`);--> statement-breakpoint
CREATE INDEX `audit_entries_environment` ON `audit_entries` (`environment`);--> statement-breakpoint
CREATE TABLE `changes` (
	`environment` text NOT NULL,
	`version` integer NOT NULL,
	`kind` text NOT NULL,
	`key` text NOT NULL,
	PRIMARY KEY(`environment`, `version`, `kind`, `key`),
	FOREIGN KEY (`environment`) REFERENCES `environments`(`key`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `environments` (
	`key` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`version` integer NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `flag_configs` (
	`flag_key` text NOT NULL,
	`environment` text NOT NULL,
	`enabled` integer NOT NULL,
	`rules` text NOT NULL,
	`variants` text NOT NULL,
	`variants_bucket_by` text,
	`prerequisites` text NOT NULL,
	`version` integer NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`flag_key`, `environment`),
	FOREIGN KEY (`flag_key`) REFERENCES `flags`(`key`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`environment`) REFERENCES `environments`(`key`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `flag_configs_environment` ON `flag_configs` (`environment`);--> statement-breakpoint
CREATE TABLE `flags` (
	`key` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`description` text NOT NULL,
	`tags` text NOT NULL,
	`owner` text NOT NULL,
	`temporary` integer NOT NULL,
	`client_side` integer NOT NULL,
	`archived` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `segments` (
	`key` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text NOT NULL,
	`conditions` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
