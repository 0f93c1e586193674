import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { preparedQuery } from "@/db";
import { payoutAccounts, users, verifiedPhones } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import { fileUrl } from "@/lib/storage";

/** Payout account type the legacy API writes: a bank card. */
export const BANK_CARD_ACCOUNT = 3;

/**
 * The caller's own profile: exactly the legacy /fetch_userinfo fields, plus the newer fields
 * the pages need. Payout details are masked; ID numbers and tokens are never included.
 */
const profileQueries = preparedQuery((database) => {
  const userId = sql.placeholder("userId");
  return {
    user: database.select().from(users).where(eq(users.id, userId)).prepare(),
    account: database
      .select()
      .from(payoutAccounts)
      .where(and(eq(payoutAccounts.userId, userId), eq(payoutAccounts.type, BANK_CARD_ACCOUNT)))
      .prepare(),
    verified: database
      .select({ tel: verifiedPhones.tel })
      .from(verifiedPhones)
      .where(eq(verifiedPhones.userId, userId))
      .prepare(),
  };
});

export async function ownProfile(userId: number) {
  const queries = profileQueries();
  const user = await queries.user.get({ userId });
  if (!user) throw ApiError.notFound("用户");
  const account = await queries.account.get({ userId });
  const verified = await queries.verified.get({ userId });
  return {
    wx_openid: user.wxOpenid,
    wx_nickname: user.wxNickname,
    wx_sex: user.wxSex,
    wx_country: user.wxCountry,
    wx_province: user.wxProvince,
    wx_city: user.wxCity,
    wx_headimgurl: user.wxHeadimgurl,
    id: user.id,
    addressProvince: user.addressProvince,
    addressCity: user.addressCity,
    birthday: user.birthday,
    constellations: user.constellations,
    education: user.education,
    occupation: user.occupation,
    virtual_tel_flag: user.virtualTelFlag,
    virtual_tel: user.virtualTel,
    wechat: user.wechat,
    qq: user.qq,
    headimgurl: fileUrl(user.headimgurl),
    nickname: user.nickname,
    sex: user.sex,
    user_type: user.userType,
    self_description: user.selfDescription,
    tel: user.tel,
    /** The number was proved with an SMS code, and has not changed since. */
    tel_verified: user.tel !== null && verified?.tel === user.tel,
    role: user.role,
    profile_saved: user.profileSavedAt !== null,
    account_name: account?.accountName ?? null,
    account_number_masked: account?.accountNumberMasked ?? null,
    account_idcardnumber_masked: account?.idNumberMasked ?? null,
  };
}

export type OwnProfile = Awaited<ReturnType<typeof ownProfile>>;
