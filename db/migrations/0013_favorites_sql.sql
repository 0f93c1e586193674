-- praise_count is the number of users who favourited the listing. The legacy column held
-- numbers nothing fed (and the old demo seed wrote random ones): recompute it from favorites.
UPDATE houses SET praise_count = (SELECT count(*) FROM favorites f WHERE f.house_id = houses.id);
