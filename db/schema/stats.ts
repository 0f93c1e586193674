import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt } from "./columns";
import { houses } from "./houses";

/**
 * The day's key for hashing visitors (China date YYYY-MM-DD → random key). A job step deletes
 * every key older than today, after which that day's visitor hashes cannot be linked to anyone.
 */
export const houseViewKeys = sqliteTable("house_view_keys", {
  day: text("day").primaryKey(),
  key: text("key").notNull(),
  createdAt: createdAt(),
});

/** One row per listing, day and visitor: HMAC(day key, visitor) so a visitor counts once a day. */
export const houseViews = sqliteTable(
  "house_views",
  {
    houseId: integer("house_id")
      .notNull()
      .references(() => houses.id, { onDelete: "cascade" }),
    day: text("day").notNull(),
    visitorHash: text("visitor_hash").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.houseId, t.day, t.visitorHash] }),
    index("house_views_day_idx").on(t.day),
  ],
);
