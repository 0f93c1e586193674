import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { db } from "@/db";
import { type User, users } from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { ApiError } from "@/lib/api/errors";
import { issueToken } from "@/lib/auth/tokens";
import { env, isSandbox } from "@/lib/env";
import { log } from "@/lib/log";
import { type OwnProfile, ownProfile } from "@/lib/users/profile";
import { recordWechatIdentity, userIdOfIdentity } from "@/lib/wechat/identities";
import { exchangeOAuthCode, snapshotUserError, type WechatProfile } from "@/lib/wechat/oauth";

const WECHAT_SEXES = new Set([0, 1, 2]);

/**
 * Maps a WeChat profile from the app `appid` to our user and refreshes the WeChat fields (fields
 * WeChat did not send keep their value). The user is found by this app's identity, then by the
 * legacy `wx_openid`; an openid we have not seen whose unionid belongs to a user (the same person
 * through another WeChat app, e.g. desktop QR login) signs in as that user. Otherwise one atomic
 * upsert creates the user, so concurrent first logins create one user. The (user, appid, openid)
 * identity is recorded; `appid` is null only for the development sign-in, which is no WeChat
 * identity. Snapshot-page identities are virtual and are refused before anything is stored.
 */
export async function upsertWechatUser(
  profile: WechatProfile,
  appid: string | null,
): Promise<User> {
  if (Number(profile.is_snapshotuser) === 1) throw snapshotUserError();
  const openid = profile.openid?.trim();
  if (!openid) throw ApiError.notLoggedIn("微信登录失败：缺少 openid");
  const unionid = profile.unionid?.trim() || undefined;
  const wechatFields = {
    wxUnionid: unionid,
    wxNickname: profile.nickname ?? undefined,
    wxSex: profile.sex != null && WECHAT_SEXES.has(profile.sex) ? profile.sex : undefined,
    wxProvince: profile.province ?? undefined,
    wxCity: profile.city ?? undefined,
    wxCountry: profile.country ?? undefined,
    wxHeadimgurl: profile.headimgurl || undefined,
  };
  // Drizzle drops undefined keys, so a bare snsapi_base login only touches updated_at.
  const refresh = { ...wechatFields, updatedAt: new Date() };
  return writeTransaction(async (tx) => {
    const identityOwner = appid ? await userIdOfIdentity(tx, appid, openid) : null;
    const known =
      identityOwner ??
      (await tx.select({ id: users.id }).from(users).where(eq(users.wxOpenid, openid)).get())?.id;
    const sameUnion =
      known === undefined && unionid
        ? (
            await tx
              .select({ id: users.id })
              .from(users)
              .where(eq(users.wxUnionid, unionid))
              .orderBy(asc(users.id))
              .get()
          )?.id
        : undefined;
    const existing = known ?? sameUnion;
    const user =
      existing !== undefined
        ? await tx.update(users).set(refresh).where(eq(users.id, existing)).returning().get()
        : await tx
            .insert(users)
            .values({ wxOpenid: openid, ...wechatFields })
            .onConflictDoUpdate({ target: users.wxOpenid, set: refresh })
            .returning()
            .get();
    if (appid) await recordWechatIdentity(tx, { userId: user.id, appid, openid, unionid });
    return user;
  });
}

export interface LoginParams {
  code?: string;
  openid?: string;
}

export type LoginAnswer = OwnProfile & { token: string };

function sameSecret(given: string, expected: string): boolean {
  // Hashing first gives equal-length buffers, so the comparison time reveals nothing.
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Resolves the user for an openid without a WeChat code: only in sandbox mode (creating the
 * user) or for a trusted server that proves itself with X-Internal-Key (existing users only).
 */
async function userForBareOpenid(openid: string, internalKey: string | null): Promise<User> {
  const configuredKey = env().INTERNAL_API_KEY;
  if (internalKey) {
    if (!configuredKey || !sameSecret(internalKey, configuredKey)) {
      throw ApiError.notLoggedIn("X-Internal-Key 无效");
    }
    const user = await db().select().from(users).where(eq(users.wxOpenid, openid)).get();
    if (!user) throw ApiError.notFound("该 openid 对应的用户");
    return user;
  }
  if (!isSandbox()) {
    throw ApiError.notLoggedIn("仅支持微信授权 code 登录，openid 登录只在沙箱模式下可用");
  }
  await writeTransaction((tx) =>
    tx
      .insert(users)
      .values({ wxOpenid: openid, wxNickname: openid.slice(-8) })
      .onConflictDoNothing({ target: users.wxOpenid })
      .run(),
  );
  return (await db().select().from(users).where(eq(users.wxOpenid, openid)).get())!;
}

/** /wx_fetch_userinfo: signs a user in and returns their profile with a fresh API token. */
export async function loginWithWechat(
  params: LoginParams,
  internalKey: string | null,
): Promise<LoginAnswer> {
  let user: User;
  let method: string;
  if (params.code) {
    user = await upsertWechatUser(
      await exchangeOAuthCode(params.code),
      env().WECHAT_APP_ID ?? null,
    );
    method = "code";
  } else if (params.openid) {
    user = await userForBareOpenid(params.openid, internalKey);
    method = internalKey ? "internal_key" : "sandbox_openid";
  } else {
    throw ApiError.badParam("code", "缺少此参数");
  }
  const token = await issueToken(user.id);
  log.info("user.login", { userId: user.id, method });
  return { ...(await ownProfile(user.id)), token };
}
