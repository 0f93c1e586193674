// client-safe: the profile form validates with these rules, so no server imports (scripts/check-layers.ts).
import { z } from "zod";
import { flag, isoDate, oneOf, optional, text } from "@/lib/api/fields";
import { chinaDate } from "@/lib/china-time";
import { MOBILE_PATTERN, MOBILE_PROBLEM } from "@/lib/phone/number";
import { idNumber } from "@/lib/verifications/fields";

// The profile parameters of /api/create_userinfo, shared by the route and the profile form (a
// client component imports this module, so it stays free of server-only imports).

export const EDUCATION_LEVELS = ["博士", "硕士", "本科", "大专", "中专", "高中", "初中"] as const;
export const CONSTELLATIONS = [
  "白羊座",
  "金牛座",
  "双子座",
  "巨蟹座",
  "狮子座",
  "处女座",
  "天秤座",
  "天蝎座",
  "射手座",
  "摩羯座",
  "水瓶座",
  "双鱼座",
] as const;

function choice(values: readonly string[]) {
  return text({ max: 10 }).refine(
    (value) => values.includes(value),
    `应为 ${values.join("、")} 之一`,
  );
}

/** Digits-only values (phone, QQ, card number) may arrive as JSON numbers; spaces are dropped. */
function digits(pattern: RegExp, message: string) {
  return z.preprocess(
    (value) => (typeof value === "number" ? String(value) : value),
    text({ max: 40 })
      .transform((value) => value.replace(/\s+/g, ""))
      .refine((value) => pattern.test(value), message),
  );
}

// Every field is optional here; the first save additionally requires nickname, sex and user_type.
export const profileParams = z.object({
  nickname: optional(text({ max: 30 })),
  sex: optional(oneOf([0, 1, 2] as const)),
  user_type: optional(oneOf([1, 2, 3] as const)),
  self_description: optional(text({ max: 500 })),
  addressProvince: optional(text({ max: 50 })),
  addressCity: optional(text({ max: 50 })),
  birthday: optional(isoDate().refine((value) => value <= chinaDate(new Date()), "不能晚于今天")),
  constellations: optional(choice(CONSTELLATIONS)),
  education: optional(choice(EDUCATION_LEVELS)),
  occupation: optional(text({ max: 50 })),
  tel: optional(digits(MOBILE_PATTERN, MOBILE_PROBLEM)),
  /** The SMS code for `tel` (purpose `profile`): marks the number verified. */
  tel_code: optional(text({ max: 6 }).refine((value) => /^\d{6}$/.test(value), "应为 6 位数字")),
  virtual_tel_flag: optional(flag()),
  virtual_tel: optional(
    text({ max: 20 }).refine((value) => /^[0-9-]{3,20}$/.test(value), "只能包含数字和 -"),
  ),
  wechat: optional(text({ max: 50 })),
  qq: optional(digits(/^\d{5,12}$/, "应为 5–12 位数字")),
  account_name: optional(text({ max: 50 })),
  account_number: optional(digits(/^\d{10,30}$/, "应为 10–30 位数字")),
  account_idcardnumber: optional(idNumber()),
});

export type ProfileParams = z.output<typeof profileParams>;

/** Fields the first save must include. */
export const FIRST_SAVE_REQUIRED = ["nickname", "sex", "user_type"] as const;
