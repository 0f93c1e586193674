ALTER TABLE `identity_verifications` ADD `documents_deleted_at` integer;--> statement-breakpoint
ALTER TABLE `property_verifications` ADD `documents_deleted_at` integer;