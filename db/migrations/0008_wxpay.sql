CREATE TABLE `refunds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`payment_attempt_id` integer NOT NULL,
	`provider` text NOT NULL,
	`out_refund_no` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`reason` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`provider_refund_id` text,
	`result_message` text,
	`succeeded_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`payment_attempt_id`) REFERENCES `payment_attempts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "refunds_amount_positive" CHECK("refunds"."amount_cents" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `refunds_out_refund_no_unique` ON `refunds` (`out_refund_no`);--> statement-breakpoint
CREATE UNIQUE INDEX `refunds_attempt_unique` ON `refunds` (`payment_attempt_id`);--> statement-breakpoint
CREATE INDEX `refunds_status_idx` ON `refunds` (`status`);--> statement-breakpoint
CREATE TABLE `sandbox_refunds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`provider` text NOT NULL,
	`merchant` text NOT NULL,
	`out_trade_no` text NOT NULL,
	`out_refund_no` text NOT NULL,
	`refund_id` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sandbox_refunds_number_unique` ON `sandbox_refunds` (`provider`,`merchant`,`out_refund_no`);--> statement-breakpoint
CREATE TABLE `sandbox_wxpay_trades` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`mchid` text NOT NULL,
	`appid` text NOT NULL,
	`out_trade_no` text NOT NULL,
	`prepay_id` text NOT NULL,
	`transaction_id` text NOT NULL,
	`description` text NOT NULL,
	`total_fen` integer NOT NULL,
	`openid` text NOT NULL,
	`notify_url` text NOT NULL,
	`time_expire` text,
	`trade_state` text DEFAULT 'NOTPAY' NOT NULL,
	`success_at` integer,
	`notify_answer` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sandbox_wxpay_trades_out_trade_no_unique` ON `sandbox_wxpay_trades` (`mchid`,`out_trade_no`);--> statement-breakpoint
CREATE UNIQUE INDEX `sandbox_wxpay_trades_prepay_unique` ON `sandbox_wxpay_trades` (`prepay_id`);--> statement-breakpoint
CREATE TABLE `wxpay_notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`raw_body` text NOT NULL,
	`signature_headers` text NOT NULL,
	`notify_id` text,
	`event_type` text,
	`out_trade_no` text,
	`out_refund_no` text,
	`outcome` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `wxpay_notifications_trade_idx` ON `wxpay_notifications` (`out_trade_no`);--> statement-breakpoint
ALTER TABLE `payment_attempts` ADD `provider` text DEFAULT 'alipay' NOT NULL;