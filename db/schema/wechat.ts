import { integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, updatedAt } from "./columns";
import { users } from "./users";

/**
 * One row per (user, WeChat app): an openid is only valid under the appid that issued it, so
 * WeChat Pay JSAPI and template messages need the Official Account's openid, while website QR
 * sign-in yields the website app's. Users are merged across apps only by unionid.
 */
export const wechatIdentities = sqliteTable(
  "wechat_identities",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    appid: text("appid").notNull(),
    openid: text("openid").notNull(),
    unionid: text("unionid"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex("wechat_identities_app_openid_idx").on(table.appid, table.openid),
    uniqueIndex("wechat_identities_user_app_idx").on(table.userId, table.appid),
  ],
);

export type WechatIdentity = typeof wechatIdentities.$inferSelect;
