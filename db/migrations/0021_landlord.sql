CREATE TABLE `house_view_keys` (
	`day` text PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `house_views` (
	`house_id` integer NOT NULL,
	`day` text NOT NULL,
	`visitor_hash` text NOT NULL,
	PRIMARY KEY(`house_id`, `day`, `visitor_hash`),
	FOREIGN KEY (`house_id`) REFERENCES `houses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `house_views_day_idx` ON `house_views` (`day`);--> statement-breakpoint
ALTER TABLE `viewing_requests` ADD `credit_consent` integer DEFAULT false NOT NULL;