-- A listing held or taken down by moderation (houses.moderation_state <> 0) leaves search exactly
-- like an unpublished one: the R*Tree and the search's partial indexes cover only published,
-- visible listings. Recreated here with the extra condition.
DROP TRIGGER IF EXISTS `houses_geo_after_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `houses_geo_after_update`;
--> statement-breakpoint
CREATE TRIGGER `houses_geo_after_insert` AFTER INSERT ON `houses`
WHEN new.status = 1 AND new.moderation_state = 0 AND new.longitude IS NOT NULL AND new.latitude IS NOT NULL BEGIN
	INSERT INTO `houses_geo`(id, min_lng, max_lng, min_lat, max_lat)
	VALUES (new.id, new.longitude, new.longitude, new.latitude, new.latitude);
END;
--> statement-breakpoint
CREATE TRIGGER `houses_geo_after_update` AFTER UPDATE OF status, moderation_state, longitude, latitude ON `houses` BEGIN
	DELETE FROM `houses_geo` WHERE id = old.id;
	INSERT INTO `houses_geo`(id, min_lng, max_lng, min_lat, max_lat)
	SELECT new.id, new.longitude, new.longitude, new.latitude, new.latitude
	WHERE new.status = 1 AND new.moderation_state = 0 AND new.longitude IS NOT NULL AND new.latitude IS NOT NULL;
END;
--> statement-breakpoint
DROP INDEX IF EXISTS `houses_search_newest_idx`;
--> statement-breakpoint
DROP INDEX IF EXISTS `houses_search_praise_idx`;
--> statement-breakpoint
DROP INDEX IF EXISTS `houses_search_rent_idx`;
--> statement-breakpoint
DROP INDEX IF EXISTS `houses_search_size_idx`;
--> statement-breakpoint
CREATE INDEX `houses_search_newest_idx` ON `houses` (created_at, id, latitude, longitude) WHERE status = 1 AND moderation_state = 0;
--> statement-breakpoint
CREATE INDEX `houses_search_praise_idx` ON `houses` (praise_count, id, latitude, longitude) WHERE status = 1 AND moderation_state = 0;
--> statement-breakpoint
CREATE INDEX `houses_search_rent_idx` ON `houses` (house_rent, id, latitude, longitude) WHERE status = 1 AND moderation_state = 0;
--> statement-breakpoint
CREATE INDEX `houses_search_size_idx` ON `houses` (house_size, id, latitude, longitude) WHERE status = 1 AND moderation_state = 0;
--> statement-breakpoint
-- Freshness starts from the last release for listings published before the rule existed.
UPDATE `houses` SET `available_confirmed_at` = coalesce(`release_time`, `updated_at`)
WHERE `status` = 1 AND `available_confirmed_at` IS NULL;
