import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { wechatIdentities } from "@/db/schema";
import { type WriteTx, writeTransaction } from "@/db/write";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

/**
 * The user's openid under the Official Account (`WECHAT_APP_ID`), which WeChat Pay JSAPI and
 * template messages require; null when the user has never come through the Official Account.
 */
export async function officialAccountOpenid(userId: number): Promise<string | null> {
  const appid = env().WECHAT_APP_ID;
  if (!appid) return null;
  const row = await db()
    .select({ openid: wechatIdentities.openid })
    .from(wechatIdentities)
    .where(and(eq(wechatIdentities.userId, userId), eq(wechatIdentities.appid, appid)))
    .get();
  return row?.openid ?? null;
}

/** The user an openid of this app belongs to, if any. */
export async function userIdOfIdentity(
  tx: WriteTx,
  appid: string,
  openid: string,
): Promise<number | null> {
  const row = await tx
    .select({ userId: wechatIdentities.userId })
    .from(wechatIdentities)
    .where(and(eq(wechatIdentities.appid, appid), eq(wechatIdentities.openid, openid)))
    .get();
  return row?.userId ?? null;
}

export interface WechatIdentityInput {
  userId: number;
  appid: string;
  openid: string;
  unionid?: string | null;
}

/**
 * Records that `openid` under `appid` is this user's. An identity is never moved: "conflict"
 * when the openid belongs to another user, or the user already has another openid for the app.
 */
export async function recordWechatIdentity(
  tx: WriteTx,
  identity: WechatIdentityInput,
): Promise<"recorded" | "unchanged" | "conflict"> {
  const unionid = identity.unionid || null;
  const inserted = await tx
    .insert(wechatIdentities)
    .values({ ...identity, unionid })
    .onConflictDoNothing()
    .returning({ id: wechatIdentities.id })
    .all();
  if (inserted.length > 0) return "recorded";
  const owner = await userIdOfIdentity(tx, identity.appid, identity.openid);
  if (owner !== identity.userId) {
    log.warn("wechat.identity_conflict", { userId: identity.userId, appid: identity.appid });
    return "conflict";
  }
  if (unionid) {
    await tx
      .update(wechatIdentities)
      .set({ unionid })
      .where(
        and(
          eq(wechatIdentities.appid, identity.appid),
          eq(wechatIdentities.openid, identity.openid),
        ),
      )
      .run();
  }
  return "unchanged";
}

/**
 * Records the legacy openids staged by the backfill migration under the Official Account, then
 * empties the stage. A legacy openid came from the Official Account unless the user signed in
 * with the website QR login, which always yields a unionid: with the QR login configured, a
 * staged openid that has a unionid is ambiguous and is dropped (a silent authorisation inside
 * WeChat records the right one on the user's next visit). Returns the number recorded.
 */
export async function applyIdentityBackfill(): Promise<number> {
  const { WECHAT_APP_ID: appid, WECHAT_WEB_APP_ID: webAppid } = env();
  if (!appid) return 0;
  return writeTransaction(async (tx) => {
    const staged = await tx.all<{ user_id: number; openid: string; unionid: string | null }>(
      sql`SELECT user_id, openid, unionid FROM wechat_identity_backfill`,
    );
    let recorded = 0;
    for (const row of staged) {
      if (webAppid && row.unionid) continue;
      const outcome = await recordWechatIdentity(tx, {
        userId: row.user_id,
        appid,
        openid: row.openid,
        unionid: row.unionid,
      });
      if (outcome === "recorded") recorded += 1;
    }
    await tx.run(sql`DELETE FROM wechat_identity_backfill`);
    if (staged.length > 0)
      log.info("wechat.identity_backfill", { staged: staged.length, recorded });
    return recorded;
  });
}
