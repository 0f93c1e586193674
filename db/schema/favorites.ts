import { index, integer, primaryKey, sqliteTable } from "drizzle-orm/sqlite-core";
import { createdAt } from "./columns";
import { houses } from "./houses";
import { users } from "./users";

/**
 * 收藏: one row per user and listing. `houses.praise_count` is the number of these rows for the
 * listing, kept in the same write transaction that adds or removes one (lib/favorites).
 */
export const favorites = sqliteTable(
  "favorites",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    houseId: integer("house_id")
      .notNull()
      .references(() => houses.id),
    createdAt: createdAt(),
  },
  (table) => [
    primaryKey({ columns: [table.userId, table.houseId] }),
    // 我的收藏 lists a user's favourites newest first; the recount reads them per listing.
    index("favorites_user_created_idx").on(table.userId, table.createdAt),
    index("favorites_house_idx").on(table.houseId),
  ],
);

export type Favorite = typeof favorites.$inferSelect;
