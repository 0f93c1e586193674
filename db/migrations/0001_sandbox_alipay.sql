CREATE TABLE `sandbox_alipay_grants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`app_id` text NOT NULL,
	`auth_code` text NOT NULL,
	`access_token` text NOT NULL,
	`alipay_user_id` text NOT NULL,
	`open_id` text NOT NULL,
	`scope` text NOT NULL,
	`code_used_at` integer,
	`expires_at` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sandbox_alipay_grants_code_unique` ON `sandbox_alipay_grants` (`auth_code`);--> statement-breakpoint
CREATE UNIQUE INDEX `sandbox_alipay_grants_token_unique` ON `sandbox_alipay_grants` (`access_token`);--> statement-breakpoint
CREATE TABLE `sandbox_alipay_trades` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ticket` text NOT NULL,
	`app_id` text NOT NULL,
	`out_trade_no` text NOT NULL,
	`trade_no` text NOT NULL,
	`subject` text NOT NULL,
	`total_amount` text NOT NULL,
	`notify_url` text,
	`return_url` text,
	`quit_url` text,
	`status` text DEFAULT 'WAIT_BUYER_PAY' NOT NULL,
	`buyer_id` text,
	`paid_at` integer,
	`notify_answer` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sandbox_alipay_trades_ticket_unique` ON `sandbox_alipay_trades` (`ticket`);--> statement-breakpoint
CREATE UNIQUE INDEX `sandbox_alipay_trades_out_trade_no_unique` ON `sandbox_alipay_trades` (`app_id`,`out_trade_no`);--> statement-breakpoint
CREATE TABLE `sandbox_alipay_transfers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`app_id` text NOT NULL,
	`out_biz_no` text NOT NULL,
	`order_id` text NOT NULL,
	`trans_amount` text NOT NULL,
	`identity_type` text NOT NULL,
	`identity` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sandbox_alipay_transfers_out_biz_no_unique` ON `sandbox_alipay_transfers` (`app_id`,`out_biz_no`);--> statement-breakpoint
CREATE INDEX `sandbox_alipay_transfers_created_idx` ON `sandbox_alipay_transfers` (`created_at`);