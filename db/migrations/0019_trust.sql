CREATE TABLE `listing_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`house_id` integer NOT NULL,
	`reporter_id` integer NOT NULL,
	`reason` integer NOT NULL,
	`text` text DEFAULT '' NOT NULL,
	`paid_viewing` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`resolved_at` integer,
	FOREIGN KEY (`house_id`) REFERENCES `houses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reporter_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `listing_reports_house_idx` ON `listing_reports` (`house_id`,`resolved_at`);--> statement-breakpoint
CREATE TABLE `moderation_decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`house_id` integer NOT NULL,
	`admin_id` integer,
	`decision` text NOT NULL,
	`reason` text NOT NULL,
	`on_appeal` integer DEFAULT false NOT NULL,
	`appeal_text` text,
	`appealed_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`house_id`) REFERENCES `houses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`admin_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `moderation_decisions_house_idx` ON `moderation_decisions` (`house_id`,`id`);--> statement-breakpoint
CREATE TABLE `moderation_flags` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`house_id` integer NOT NULL,
	`kind` text NOT NULL,
	`detail` text NOT NULL,
	`other_house_id` integer,
	`photo_id` integer,
	`other_photo_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`resolved_at` integer,
	FOREIGN KEY (`house_id`) REFERENCES `houses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`other_house_id`) REFERENCES `houses`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `moderation_flags_house_idx` ON `moderation_flags` (`house_id`,`resolved_at`);--> statement-breakpoint
ALTER TABLE `house_photos` ADD `phash` text;--> statement-breakpoint
ALTER TABLE `house_photos` ADD `phash_band0` integer;--> statement-breakpoint
ALTER TABLE `house_photos` ADD `phash_band1` integer;--> statement-breakpoint
ALTER TABLE `house_photos` ADD `phash_band2` integer;--> statement-breakpoint
ALTER TABLE `house_photos` ADD `phash_band3` integer;--> statement-breakpoint
ALTER TABLE `house_photos` ADD `gps_distance_bucket` integer;--> statement-breakpoint
CREATE INDEX `house_photos_band0_idx` ON `house_photos` (`phash_band0`);--> statement-breakpoint
CREATE INDEX `house_photos_band1_idx` ON `house_photos` (`phash_band1`);--> statement-breakpoint
CREATE INDEX `house_photos_band2_idx` ON `house_photos` (`phash_band2`);--> statement-breakpoint
CREATE INDEX `house_photos_band3_idx` ON `house_photos` (`phash_band3`);--> statement-breakpoint
ALTER TABLE `houses` ADD `moderation_state` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `houses` ADD `property_verification_id` integer REFERENCES property_verifications(id);--> statement-breakpoint
ALTER TABLE `houses` ADD `property_link_confirmed_at` integer;--> statement-breakpoint
ALTER TABLE `houses` ADD `available_confirmed_at` integer;--> statement-breakpoint
CREATE INDEX `houses_property_verification_idx` ON `houses` (`property_verification_id`);--> statement-breakpoint
ALTER TABLE `property_verifications` ADD `province_code` integer;--> statement-breakpoint
ALTER TABLE `property_verifications` ADD `city_code` integer;--> statement-breakpoint
ALTER TABLE `property_verifications` ADD `county_code` integer;--> statement-breakpoint
ALTER TABLE `property_verifications` ADD `community` text;--> statement-breakpoint
ALTER TABLE `property_verifications` ADD `building` text;--> statement-breakpoint
ALTER TABLE `property_verifications` ADD `unit` text;--> statement-breakpoint
ALTER TABLE `property_verifications` ADD `room` text;--> statement-breakpoint
ALTER TABLE `property_verifications` ADD `lease_start` text;--> statement-breakpoint
ALTER TABLE `property_verifications` ADD `lease_end` text;