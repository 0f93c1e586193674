import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { payoutAccounts, users, verifiedPhones } from "@/db/schema";
import { ApiError } from "@/lib/api/errors";
import type { UploadedFile } from "@/lib/api/request";
import { encryptText } from "@/lib/crypto";
import { maskIdNumber } from "@/lib/identity/id-number";
import { log } from "@/lib/log";
import { consumePhoneCode, markPhoneVerified, writeWithPhoneCode } from "@/lib/phone/codes";
import { cleanImage } from "@/lib/storage/images";
import { newPublicKey, parseKey } from "@/lib/storage/keys";
import { type NewFile, writeFilesThenCommit } from "@/lib/storage/with-files";
import { checkPayoutIdNumber } from "@/lib/users/payout-identity";
import { BANK_CARD_ACCOUNT } from "@/lib/users/profile";
import { FIRST_SAVE_REQUIRED, type ProfileParams } from "@/lib/users/profile-fields";

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
  await checkPayoutIdNumber(userId, params.account_idcardnumber);
  const newFile = portrait ? await portraitFile(portrait) : undefined;
  const newKey = newFile?.key;

  await writeFilesThenCommit(
    newFile ? [newFile] : [],
    async (tx) => {
      const previous = (await tx
        .select({ headimgurl: users.headimgurl, tel: users.tel })
        .from(users)
        .where(eq(users.id, userId))
        .get())!;
      const now = new Date();
      const tel = params.tel ?? previous.tel;
      if (params.tel_code !== undefined) {
        if (!tel) throw ApiError.badParam("tel", "填写验证码时需提供手机号");
        await consumePhoneCode(tx, { userId, tel, purpose: "profile", code: params.tel_code, now });
        await markPhoneVerified(tx, userId, tel, now);
      } else if (params.tel !== undefined && params.tel !== previous.tel) {
        // A new number saved without a code is kept, unverified, as legacy clients expect.
        await tx.delete(verifiedPhones).where(eq(verifiedPhones.userId, userId)).run();
      }
      await tx
        .update(users)
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
        await tx
          .insert(payoutAccounts)
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
