CREATE TABLE `phone_codes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tel_hash` text NOT NULL,
	`purpose` text NOT NULL,
	`code_hash` text NOT NULL,
	`client_hash` text NOT NULL,
	`user_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`expires_at` integer NOT NULL,
	`consumed_at` integer,
	`failed_attempts` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `phone_codes_tel_idx` ON `phone_codes` (`tel_hash`,`created_at`);--> statement-breakpoint
CREATE INDEX `phone_codes_client_idx` ON `phone_codes` (`client_hash`,`created_at`);--> statement-breakpoint
CREATE TABLE `verified_phones` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`tel` text NOT NULL,
	`verified_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
