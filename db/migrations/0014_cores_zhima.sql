CREATE TABLE `sandbox_zhima_transactions` (
	`transaction_id` text PRIMARY KEY NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sandbox_zhima_transactions_created_idx` ON `sandbox_zhima_transactions` (`created_at`);