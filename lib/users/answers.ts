import { z } from "zod";
import type { OwnProfile } from "@/lib/users/profile";

// Answer schemas (the API contract) of the endpoints that return a user's own profile.

const maybeText = z.string().nullable();
const maybeInt = z.number().int().nullable();

/** ownProfile's answer: /fetch_userinfo, and with the API token /wx_fetch_userinfo. */
export const ownProfileAnswer = z.object({
  wx_openid: maybeText,
  wx_nickname: maybeText,
  wx_sex: maybeInt,
  wx_country: maybeText,
  wx_province: maybeText,
  wx_city: maybeText,
  wx_headimgurl: maybeText,
  id: z.number().int(),
  addressProvince: maybeText,
  addressCity: maybeText,
  birthday: maybeText.describe("YYYY-MM-DD"),
  constellations: maybeText,
  education: maybeText,
  occupation: maybeText,
  virtual_tel_flag: maybeInt,
  virtual_tel: maybeText,
  wechat: maybeText,
  qq: maybeText,
  headimgurl: maybeText.describe("the portrait's URL (/api/file/…)"),
  nickname: maybeText,
  sex: maybeInt,
  user_type: maybeInt,
  self_description: maybeText,
  tel: maybeText,
  tel_verified: z.boolean().describe("tel was proved with an SMS code"),
  role: z.enum(["admin", "user"]),
  profile_saved: z.boolean(),
  account_name: maybeText,
  account_number_masked: maybeText,
  account_idcardnumber_masked: maybeText,
}) satisfies z.ZodType<OwnProfile>;
