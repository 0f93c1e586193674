import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, updatedAt } from "./columns";
import { users } from "./users";

/**
 * WeChat's access token and jsapi_ticket, one row per (kind, appid), shared by every process.
 * WeChat rate-limits both endpoints globally and a new access token invalidates older ones, so a
 * process only calls WeChat after claiming the row (`refresh_claimed_until`, a short lease set by
 * a guarded UPDATE); everyone else reads the stored value. The value is a credential for the
 * Official Account's APIs, so it is stored encrypted.
 */
export const wechatPlatformTokens = sqliteTable(
  "wechat_platform_tokens",
  {
    kind: text("kind", { enum: ["access_token", "jsapi_ticket"] }).notNull(),
    appid: text("appid").notNull(),
    /** Null until the first successful fetch. */
    valueEncrypted: text("value_encrypted"),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    refreshClaimedUntil: integer("refresh_claimed_until", { mode: "timestamp_ms" }),
    /** After a failed fetch nobody calls WeChat again before this time (backoff). */
    retryAfter: integer("retry_after", { mode: "timestamp_ms" }),
    failures: integer("failures").notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.appid] })],
);

/**
 * Silent Official Account authorisation (snsapi_base) in flight. WeChat's `state` is at most 128
 * alphanumeric bytes, so the return path stays here and the state is a random key (stored only
 * as a keyed hash), tied to the user who started it, single use, 10 minutes.
 */
export const wechatOauthStates = sqliteTable(
  "wechat_oauth_states",
  {
    stateHash: text("state_hash").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    returnTo: text("return_to").notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("wechat_oauth_states_expires_idx").on(t.expiresAt)],
);
