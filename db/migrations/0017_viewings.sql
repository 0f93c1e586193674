CREATE TABLE `viewing_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`viewing_request_id` integer NOT NULL,
	`kind` text NOT NULL,
	`actor_id` integer,
	`actor_role` text NOT NULL,
	`detail` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`viewing_request_id`) REFERENCES `viewing_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `viewing_events_request_idx` ON `viewing_events` (`viewing_request_id`,`at`);--> statement-breakpoint
DROP INDEX `viewing_requests_open_unique`;--> statement-breakpoint
ALTER TABLE `viewing_requests` ADD `phase` text DEFAULT 'awaiting_payment' NOT NULL;--> statement-breakpoint
ALTER TABLE `viewing_requests` ADD `consent_at` integer;--> statement-breakpoint
ALTER TABLE `viewing_requests` ADD `consent_tel` text;--> statement-breakpoint
ALTER TABLE `viewing_requests` ADD `preferred_date` text;--> statement-breakpoint
ALTER TABLE `viewing_requests` ADD `preferred_slot` text;--> statement-breakpoint
ALTER TABLE `viewing_requests` ADD `message` text;--> statement-breakpoint
ALTER TABLE `viewing_requests` ADD `landlord_responded_at` integer;--> statement-breakpoint
ALTER TABLE `viewing_requests` ADD `proposed_date` text;--> statement-breakpoint
ALTER TABLE `viewing_requests` ADD `proposed_slot` text;--> statement-breakpoint
ALTER TABLE `viewing_requests` ADD `agreed_date` text;--> statement-breakpoint
ALTER TABLE `viewing_requests` ADD `agreed_slot` text;--> statement-breakpoint
ALTER TABLE `viewing_requests` ADD `viewing_at` integer;--> statement-breakpoint
ALTER TABLE `viewing_requests` ADD `unreachable_at` integer;--> statement-breakpoint
ALTER TABLE `viewing_requests` ADD `shown_at` integer;--> statement-breakpoint
ALTER TABLE `viewing_requests` ADD `viewed_at` integer;--> statement-breakpoint
ALTER TABLE `viewing_requests` ADD `refund_requested_at` integer;--> statement-breakpoint
ALTER TABLE `viewing_requests` ADD `refund_reason` text;--> statement-breakpoint
ALTER TABLE `viewing_requests` ADD `refund_text` text;--> statement-breakpoint
ALTER TABLE `viewing_requests` ADD `status_before_refund` integer;--> statement-breakpoint
ALTER TABLE `viewing_requests` ADD `phase_before_refund` text;--> statement-breakpoint
ALTER TABLE `viewing_requests` ADD `refund_approved_at` integer;--> statement-breakpoint
ALTER TABLE `viewing_requests` ADD `refunded_at` integer;--> statement-breakpoint
CREATE INDEX `viewing_requests_phase_idx` ON `viewing_requests` (`status`,`phase`);--> statement-breakpoint
CREATE UNIQUE INDEX `viewing_requests_open_unique` ON `viewing_requests` (`tenant_id`,`house_id`) WHERE "viewing_requests"."status" in (1, 2, 4);