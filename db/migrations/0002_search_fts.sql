-- Search support (lib/search). Drizzle does not model virtual tables or triggers, so they live
-- here; drop only the virtual tables themselves, never their shadow tables.

-- Chinese text: FTS5 trigram over title, description and community name, as an external-content
-- table on houses kept in sync by the triggers below. Trigram needs 3+ characters; shorter
-- queries use an escaped LIKE (lib/search/text.ts).
CREATE VIRTUAL TABLE `houses_fts` USING fts5(
	description_title, description, district_name,
	content='houses', content_rowid='id', tokenize='trigram'
);
--> statement-breakpoint
INSERT INTO `houses_fts`(`houses_fts`) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER `houses_fts_after_insert` AFTER INSERT ON `houses` BEGIN
	INSERT INTO `houses_fts`(rowid, description_title, description, district_name)
	VALUES (new.id, new.description_title, new.description, new.district_name);
END;
--> statement-breakpoint
CREATE TRIGGER `houses_fts_after_delete` AFTER DELETE ON `houses` BEGIN
	INSERT INTO `houses_fts`(`houses_fts`, rowid, description_title, description, district_name)
	VALUES ('delete', old.id, old.description_title, old.description, old.district_name);
END;
--> statement-breakpoint
CREATE TRIGGER `houses_fts_after_update` AFTER UPDATE OF description_title, description, district_name ON `houses` BEGIN
	INSERT INTO `houses_fts`(`houses_fts`, rowid, description_title, description, district_name)
	VALUES ('delete', old.id, old.description_title, old.description, old.district_name);
	INSERT INTO `houses_fts`(rowid, description_title, description, district_name)
	VALUES (new.id, new.description_title, new.description, new.district_name);
END;
--> statement-breakpoint
-- Geo: a 2-D R*Tree over PUBLISHED listings with coordinates only, so a bounding box visits just
-- the points inside it (a B-tree on latitude scans a whole latitude band across China). It stores
-- float32 rounded outward, so it is only a prefilter; distances use the exact REAL columns.
CREATE VIRTUAL TABLE `houses_geo` USING rtree(id, min_lng, max_lng, min_lat, max_lat);
--> statement-breakpoint
INSERT INTO `houses_geo`(id, min_lng, max_lng, min_lat, max_lat)
SELECT id, longitude, longitude, latitude, latitude FROM `houses`
WHERE status = 1 AND longitude IS NOT NULL AND latitude IS NOT NULL;
--> statement-breakpoint
CREATE TRIGGER `houses_geo_after_insert` AFTER INSERT ON `houses`
WHEN new.status = 1 AND new.longitude IS NOT NULL AND new.latitude IS NOT NULL BEGIN
	INSERT INTO `houses_geo`(id, min_lng, max_lng, min_lat, max_lat)
	VALUES (new.id, new.longitude, new.longitude, new.latitude, new.latitude);
END;
--> statement-breakpoint
CREATE TRIGGER `houses_geo_after_update` AFTER UPDATE OF status, longitude, latitude ON `houses` BEGIN
	DELETE FROM `houses_geo` WHERE id = old.id;
	INSERT INTO `houses_geo`(id, min_lng, max_lng, min_lat, max_lat)
	SELECT new.id, new.longitude, new.longitude, new.latitude, new.latitude
	WHERE new.status = 1 AND new.longitude IS NOT NULL AND new.latitude IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `houses_geo_after_delete` AFTER DELETE ON `houses` BEGIN
	DELETE FROM `houses_geo` WHERE id = old.id;
END;
--> statement-breakpoint
-- One partial index per non-distance sort, in sort order with the id tie-break, carrying the
-- coordinates so a dense area is searched by walking the sort order and checking the radius on
-- the index entry alone (chosen with EXPLAIN QUERY PLAN; README "Search performance").
CREATE INDEX `houses_search_newest_idx` ON `houses` (created_at, id, latitude, longitude) WHERE status = 1;
--> statement-breakpoint
CREATE INDEX `houses_search_praise_idx` ON `houses` (praise_count, id, latitude, longitude) WHERE status = 1;
--> statement-breakpoint
CREATE INDEX `houses_search_rent_idx` ON `houses` (house_rent, id, latitude, longitude) WHERE status = 1;
--> statement-breakpoint
CREATE INDEX `houses_search_size_idx` ON `houses` (house_size, id, latitude, longitude) WHERE status = 1;
