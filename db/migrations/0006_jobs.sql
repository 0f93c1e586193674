CREATE TABLE `job_claims` (
	`step` text NOT NULL,
	`item_key` text NOT NULL,
	`holder` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`step`, `item_key`)
);
