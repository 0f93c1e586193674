import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { wechatIdentities } from "@/db/schema";
import { env } from "@/lib/env";

/**
 * The user's openid under the Official Account (`WECHAT_APP_ID`), which WeChat Pay JSAPI and
 * template messages require; null when the user has never come through the Official Account.
 */
export function officialAccountOpenid(userId: number): string | null {
  const appid = env().WECHAT_APP_ID;
  if (!appid) return null;
  const row = db()
    .select({ openid: wechatIdentities.openid })
    .from(wechatIdentities)
    .where(and(eq(wechatIdentities.userId, userId), eq(wechatIdentities.appid, appid)))
    .get();
  return row?.openid ?? null;
}
