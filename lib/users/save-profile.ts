import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { payoutAccounts, users, verifiedPhones } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import { flag, isoDate, oneOf, optional, text } from "@/lib/api/fields";
import type { UploadedFile } from "@/lib/api/request";
import { chinaDate } from "@/lib/china-time";
import { encryptText } from "@/lib/crypto";
import {
  checkIdNumber,
  idNumberProblemText,
  maskIdNumber,
  normalizeIdNumber,
} from "@/lib/identity/id-number";
import { log } from "@/lib/log";
import { consumePhoneCode, markPhoneVerified, writeWithPhoneCode } from "@/lib/phone/codes";
import { cleanImage } from "@/lib/storage/images";
import { newPublicKey, parseKey } from "@/lib/storage/keys";
import { type NewFile, writeFilesThenCommit } from "@/lib/storage/with-files";
import { checkPayoutIdNumber } from "@/lib/users/payout-identity";
import { BANK_CARD_ACCOUNT } from "@/lib/users/profile";

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
  birthday: optional(isoDate().refine((value) => value <= chinaDate(Date.now()), "不能晚于今天")),
  constellations: optional(choice(CONSTELLATIONS)),
  education: optional(choice(EDUCATION_LEVELS)),
  occupation: optional(text({ max: 50 })),
  tel: optional(digits(/^1[3-9]\d{9}$/, "应为 11 位中国大陆手机号")),
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
  account_idcardnumber: optional(
    text({ max: 18 })
      .superRefine((value, context) => {
        const problem = checkIdNumber(value);
        if (problem) context.addIssue({ code: "custom", message: idNumberProblemText[problem] });
      })
      .transform(normalizeIdNumber),
  ),
});

export type ProfileParams = z.output<typeof profileParams>;

const FIRST_SAVE_REQUIRED = ["nickname", "sex", "user_type"] as const;

function maskAccountNumber(number: string): string {
  return `**** ${number.slice(-4)}`;
}

function payoutValues(params: ProfileParams) {
  const values = {
    accountName: params.account_name,
    accountNumberEncrypted: params.account_number && encryptText(params.account_number),
    accountNumberMasked: params.account_number && maskAccountNumber(params.account_number),
    idNumberEncrypted: params.account_idcardnumber && encryptText(params.account_idcardnumber),
    idNumberMasked: params.account_idcardnumber && maskIdNumber(params.account_idcardnumber),
  };
  return Object.values(values).some((value) => value !== undefined) ? values : null;
}

/** The new portrait, cleaned and re-encoded, to store under a fresh key. */
async function portraitFile(file: UploadedFile): Promise<NewFile> {
  const image = await cleanImage(file);
  return { key: newPublicKey(image.ext), body: image.buffer, contentType: image.contentType };
}

/**
 * /create_userinfo: saves the caller's profile. Omitted fields keep their stored value (the legacy
 * service blanked virtual_tel); `sex` is the self-declared one and never overwrites WeChat's. The
 * new portrait is stored before the transaction and removed if it fails; the old one is deleted
 * only after the commit.
 */
export async function saveProfile(
  userId: number,
  params: ProfileParams,
  portrait: UploadedFile | undefined,
): Promise<void> {
  const user = await db().select().from(users).where(eq(users.id, userId)).get();
  if (!user) throw ApiError.notFound("用户");
  if (user.profileSavedAt === null) {
    const missing = FIRST_SAVE_REQUIRED.find((field) => params[field] === undefined);
    if (missing) throw ApiError.badParam(missing, "首次填写资料时必填");
  }
  if (!portrait && !user.headimgurl && !user.wxHeadimgurl) {
    throw ApiError.badParam("portrait", "请上传头像");
  }
  const payout = payoutValues(params);
  checkPayoutIdNumber(userId, params.account_idcardnumber);
  const newFile = portrait ? await portraitFile(portrait) : undefined;
  const newKey = newFile?.key;

  await writeFilesThenCommit(
    newFile ? [newFile] : [],
    (tx) => {
      const previous = tx
        .select({ headimgurl: users.headimgurl, tel: users.tel })
        .from(users)
        .where(eq(users.id, userId))
        .get()!;
      const now = new Date();
      const tel = params.tel ?? previous.tel;
      if (params.tel_code !== undefined) {
        if (!tel) throw ApiError.badParam("tel", "填写验证码时需提供手机号");
        consumePhoneCode(tx, { userId, tel, purpose: "profile", code: params.tel_code, now });
        markPhoneVerified(tx, userId, tel, now);
      } else if (params.tel !== undefined && params.tel !== previous.tel) {
        // A new number saved without a code is kept, unverified, as legacy clients expect.
        tx.delete(verifiedPhones).where(eq(verifiedPhones.userId, userId)).run();
      }
      tx.update(users)
        .set({
          nickname: params.nickname,
          sex: params.sex,
          userType: params.user_type,
          selfDescription: params.self_description,
          headimgurl: newKey,
          addressProvince: params.addressProvince,
          addressCity: params.addressCity,
          birthday: params.birthday,
          constellations: params.constellations,
          education: params.education,
          occupation: params.occupation,
          tel: params.tel,
          virtualTelFlag:
            params.virtual_tel_flag === undefined ? undefined : +params.virtual_tel_flag,
          virtualTel: params.virtual_tel,
          wechat: params.wechat,
          qq: params.qq,
          profileSavedAt: now,
        })
        .where(eq(users.id, userId))
        .run();
      if (payout) {
        tx.insert(payoutAccounts)
          .values({ userId, type: BANK_CARD_ACCOUNT, ...payout })
          .onConflictDoUpdate({
            target: [payoutAccounts.userId, payoutAccounts.type],
            set: { ...payout, updatedAt: new Date() },
          })
          .run();
      }
      // A stored portrait replaced by the new one (not a WeChat URL) is deleted after the commit.
      const replaced = newKey && previous.headimgurl && parseKey(previous.headimgurl);
      return { result: undefined, replacedKeys: replaced ? [previous.headimgurl] : [] };
    },
    writeWithPhoneCode,
  );
  log.info("user.profile_saved", {
    userId,
    portrait: Boolean(newKey),
    payout: Boolean(payout),
    telVerified: params.tel_code !== undefined,
  });
}
