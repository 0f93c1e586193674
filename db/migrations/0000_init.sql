CREATE TABLE `house_photos` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`house_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`storage_key` text NOT NULL,
	`thumb_key` text NOT NULL,
	`rooms_type` integer NOT NULL,
	`rooms_area` integer,
	`rooms_orientation` text,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`house_id`) REFERENCES `houses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `house_photos_house_idx` ON `house_photos` (`house_id`,`sort_order`);--> statement-breakpoint
CREATE TABLE `house_videos` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`house_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`storage_key` text NOT NULL,
	`content_type` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`house_id`) REFERENCES `houses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `house_videos_house_idx` ON `house_videos` (`house_id`);--> statement-breakpoint
CREATE TABLE `houses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`status` integer DEFAULT 0 NOT NULL,
	`rent_time_type` integer,
	`rent_room_type` integer,
	`province_code` integer,
	`province_name` text,
	`city_code` integer,
	`city_name` text,
	`county_code` integer,
	`county_name` text,
	`district_code` integer,
	`district_name` text,
	`subdistrict_code` integer,
	`subway_station_code` integer,
	`house_number` text,
	`longitude` real,
	`latitude` real,
	`house_size` integer,
	`house_type` text,
	`house_floor` text,
	`all_floor` integer,
	`house_direction` text,
	`house_decoration` text,
	`house_max_livein` integer,
	`house_rooms` integer,
	`house_rent` integer,
	`payment_type` text,
	`property_management_fee` integer,
	`heating_charge` integer,
	`description_title` text,
	`description` text,
	`traffic_condition` text,
	`around_condition` text,
	`facility` text,
	`extra_fee` text,
	`house_characteristic` text,
	`house_source` integer,
	`earliest_checkin_time` text,
	`verification_code` text,
	`praise_count` integer DEFAULT 0 NOT NULL,
	`cover_photo_id` integer,
	`release_time` integer,
	`submission_time` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `houses_user_idx` ON `houses` (`user_id`,`status`);--> statement-breakpoint
CREATE INDEX `houses_status_geo_idx` ON `houses` (`status`,`latitude`,`longitude`);--> statement-breakpoint
CREATE TABLE `alipay_auth_states` (
	`state_hash` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `alipay_auth_states_user_idx` ON `alipay_auth_states` (`user_id`);--> statement-breakpoint
CREATE TABLE `alipay_bindings` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`alipay_user_id` text,
	`alipay_open_id` text,
	`access_token_encrypted` text NOT NULL,
	`access_token_expires_at` integer,
	`zhima_score` integer,
	`zhima_score_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `alipay_notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`raw_body` text NOT NULL,
	`out_trade_no` text,
	`notify_id` text,
	`outcome` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `alipay_notifications_trade_idx` ON `alipay_notifications` (`out_trade_no`);--> statement-breakpoint
CREATE TABLE `payment_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`viewing_request_id` integer NOT NULL,
	`out_trade_no` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`trade_no` text,
	`paid_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`viewing_request_id`) REFERENCES `viewing_requests`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "payment_attempts_amount_positive" CHECK("payment_attempts"."amount_cents" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payment_attempts_out_trade_no_unique` ON `payment_attempts` (`out_trade_no`);--> statement-breakpoint
CREATE INDEX `payment_attempts_request_idx` ON `payment_attempts` (`viewing_request_id`);--> statement-breakpoint
CREATE INDEX `payment_attempts_status_idx` ON `payment_attempts` (`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `payouts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`out_biz_no` text NOT NULL,
	`payee_type` text NOT NULL,
	`payee_account` text NOT NULL,
	`payee_name` text,
	`amount_cents` integer NOT NULL,
	`remark` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`alipay_order_id` text,
	`result_message` text,
	`requested_by` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "payouts_amount_min" CHECK("payouts"."amount_cents" >= 10)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payouts_out_biz_no_unique` ON `payouts` (`out_biz_no`);--> statement-breakpoint
CREATE TABLE `viewing_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`house_id` integer NOT NULL,
	`owner_id` integer NOT NULL,
	`tenant_id` integer NOT NULL,
	`status` integer DEFAULT 1 NOT NULL,
	`paid_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`house_id`) REFERENCES `houses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tenant_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `viewing_requests_open_unique` ON `viewing_requests` (`tenant_id`,`house_id`) WHERE "viewing_requests"."status" in (1, 2);--> statement-breakpoint
CREATE INDEX `viewing_requests_owner_idx` ON `viewing_requests` (`owner_id`,`status`);--> statement-breakpoint
CREATE INDEX `viewing_requests_tenant_idx` ON `viewing_requests` (`tenant_id`);--> statement-breakpoint
CREATE TABLE `api_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`token_hash` text NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_hash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `api_tokens_user_idx` ON `api_tokens` (`user_id`);--> statement-breakpoint
CREATE TABLE `identity_verifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`real_name` text NOT NULL,
	`id_number_encrypted` text NOT NULL,
	`id_number_hash` text NOT NULL,
	`id_number_masked` text NOT NULL,
	`portrait_key` text NOT NULL,
	`front_key` text NOT NULL,
	`back_key` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`reject_reason` text,
	`reviewed_by` integer,
	`reviewed_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `identity_verifications_user_unique` ON `identity_verifications` (`user_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `identity_verifications_id_hash_unique` ON `identity_verifications` (`id_number_hash`);--> statement-breakpoint
CREATE INDEX `identity_verifications_status_idx` ON `identity_verifications` (`status`);--> statement-breakpoint
CREATE TABLE `invitations` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`my_code` text NOT NULL,
	`friend_code` text,
	`invited_by` integer,
	`friend_code_set_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`invited_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_my_code_unique` ON `invitations` (`my_code`);--> statement-breakpoint
CREATE INDEX `invitations_invited_by_idx` ON `invitations` (`invited_by`);--> statement-breakpoint
CREATE TABLE `payout_accounts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`type` integer NOT NULL,
	`account_name` text,
	`account_number_encrypted` text,
	`account_number_masked` text,
	`id_number_encrypted` text,
	`id_number_masked` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payout_accounts_user_type_unique` ON `payout_accounts` (`user_id`,`type`);--> statement-breakpoint
CREATE TABLE `private_file_access_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`storage_key` text NOT NULL,
	`user_id` integer,
	`outcome` text NOT NULL,
	`at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `private_file_access_log_key_idx` ON `private_file_access_log` (`storage_key`);--> statement-breakpoint
CREATE TABLE `property_verifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`cert_name` text NOT NULL,
	`id_number_encrypted` text NOT NULL,
	`id_number_masked` text NOT NULL,
	`cert_number` text NOT NULL,
	`house_type` integer NOT NULL,
	`cert_photo_key` text NOT NULL,
	`lease_photo_key` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`reject_reason` text,
	`reviewed_by` integer,
	`reviewed_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `property_verifications_cert_unique` ON `property_verifications` (`cert_number`);--> statement-breakpoint
CREATE INDEX `property_verifications_user_idx` ON `property_verifications` (`user_id`);--> statement-breakpoint
CREATE INDEX `property_verifications_status_idx` ON `property_verifications` (`status`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`role` text DEFAULT 'user' NOT NULL,
	`wx_openid` text,
	`wx_unionid` text,
	`wx_nickname` text,
	`wx_sex` integer,
	`wx_province` text,
	`wx_city` text,
	`wx_country` text,
	`wx_headimgurl` text,
	`nickname` text,
	`sex` integer,
	`user_type` integer,
	`self_description` text,
	`headimgurl` text,
	`address_province` text,
	`address_city` text,
	`birthday` text,
	`constellations` text,
	`education` text,
	`occupation` text,
	`tel` text,
	`virtual_tel_flag` integer,
	`virtual_tel` text,
	`wechat` text,
	`qq` text,
	`profile_saved_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_wx_openid_unique` ON `users` (`wx_openid`);--> statement-breakpoint
CREATE INDEX `users_wx_unionid_idx` ON `users` (`wx_unionid`);