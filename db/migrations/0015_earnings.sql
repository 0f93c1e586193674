CREATE TABLE `commissions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`viewing_request_id` integer NOT NULL,
	`payment_attempt_id` integer NOT NULL,
	`house_id` integer NOT NULL,
	`tenant_id` integer NOT NULL,
	`fee_cents` integer NOT NULL,
	`rate_percent` integer NOT NULL,
	`amount_cents` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`viewing_request_id`) REFERENCES `viewing_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`payment_attempt_id`) REFERENCES `payment_attempts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`house_id`) REFERENCES `houses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tenant_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "commissions_amount_positive" CHECK("commissions"."amount_cents" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `commissions_request_kind_unique` ON `commissions` (`viewing_request_id`,`kind`);--> statement-breakpoint
CREATE INDEX `commissions_user_idx` ON `commissions` (`user_id`,`status`);--> statement-breakpoint
CREATE TABLE `ledger_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entry_set_id` integer NOT NULL,
	`account` text NOT NULL,
	`user_id` integer,
	`amount_cents` integer NOT NULL,
	`commission_id` integer,
	`rate_percent` integer,
	`booked_at` integer NOT NULL,
	FOREIGN KEY (`entry_set_id`) REFERENCES `ledger_entry_sets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`commission_id`) REFERENCES `commissions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "ledger_entries_amount_nonzero" CHECK("ledger_entries"."amount_cents" <> 0),
	CONSTRAINT "ledger_entries_user_account" CHECK(("ledger_entries"."user_id" is null) = ("ledger_entries"."account" in ('provider_funds', 'fees_unearned', 'fee_income', 'fees_refunded', 'commission_expense', 'payout_expense')))
);
--> statement-breakpoint
CREATE INDEX `ledger_entries_set_idx` ON `ledger_entries` (`entry_set_id`);--> statement-breakpoint
CREATE INDEX `ledger_entries_user_idx` ON `ledger_entries` (`user_id`,`account`,`booked_at`);--> statement-breakpoint
CREATE TABLE `ledger_entry_sets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_key` text NOT NULL,
	`kind` text NOT NULL,
	`viewing_request_id` integer,
	`payment_attempt_id` integer,
	`refund_id` integer,
	`withdrawal_id` integer,
	`payout_id` integer,
	`memo` text DEFAULT '{}' NOT NULL,
	`booked_at` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`viewing_request_id`) REFERENCES `viewing_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`payment_attempt_id`) REFERENCES `payment_attempts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_entry_sets_event_unique` ON `ledger_entry_sets` (`event_key`);--> statement-breakpoint
CREATE INDEX `ledger_entry_sets_request_idx` ON `ledger_entry_sets` (`viewing_request_id`);--> statement-breakpoint
CREATE INDEX `ledger_entry_sets_kind_idx` ON `ledger_entry_sets` (`kind`,`booked_at`);--> statement-breakpoint
CREATE TABLE `withdrawals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`amount_cents` integer NOT NULL,
	`status` text NOT NULL,
	`payee_type` text NOT NULL,
	`payee_account` text NOT NULL,
	`payee_name` text NOT NULL,
	`reason` text,
	`decided_by` integer,
	`decided_at` integer,
	`payout_id` integer,
	`requested_at` integer NOT NULL,
	`settled_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "withdrawals_amount_min" CHECK("withdrawals"."amount_cents" >= 1000)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `withdrawals_open_unique` ON `withdrawals` (`user_id`) WHERE "withdrawals"."status" in ('awaiting_approval', 'queued', 'sending');--> statement-breakpoint
CREATE INDEX `withdrawals_status_idx` ON `withdrawals` (`status`,`requested_at`);--> statement-breakpoint
CREATE INDEX `withdrawals_user_idx` ON `withdrawals` (`user_id`,`requested_at`);--> statement-breakpoint
ALTER TABLE `payouts` ADD `withdrawal_id` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `payouts_withdrawal_unique` ON `payouts` (`withdrawal_id`);