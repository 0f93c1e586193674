CREATE TABLE `wechat_oauth_states` (
	`state_hash` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`return_to` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `wechat_oauth_states_expires_idx` ON `wechat_oauth_states` (`expires_at`);--> statement-breakpoint
CREATE TABLE `wechat_platform_tokens` (
	`kind` text NOT NULL,
	`appid` text NOT NULL,
	`value_encrypted` text,
	`expires_at` integer NOT NULL,
	`refresh_claimed_until` integer,
	`retry_after` integer,
	`failures` integer DEFAULT 0 NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`kind`, `appid`)
);
