CREATE TABLE `wechat_identities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`appid` text NOT NULL,
	`openid` text NOT NULL,
	`unionid` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `wechat_identities_app_openid_idx` ON `wechat_identities` (`appid`,`openid`);--> statement-breakpoint
CREATE UNIQUE INDEX `wechat_identities_user_app_idx` ON `wechat_identities` (`user_id`,`appid`);