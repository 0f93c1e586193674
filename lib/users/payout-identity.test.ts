import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { POST as createUserinfo } from "@/app/api/create_userinfo/route";
import { db } from "@/db";
import { identityVerifications, payoutAccounts, users } from "@/db/schema";
import { encryptText } from "@/lib/crypto";
import { maskIdNumber } from "@/lib/identity/id-number";
import { idNumberHash } from "@/lib/verifications/identity";
import { call, createUser } from "@/tests/helpers";

const OWN_ID = "510105199001011237";
const SOMEONE_ELSES_ID = "11010519491231002X";
const profile = { nickname: "王", sex: 1, user_type: 1, account_name: "王五" };

async function verifiedUser(status: "approved" | "pending", idNumber: string) {
  const created = await createUser({ wxHeadimgurl: "https://thirdwx.qlogo.cn/mmopen/a/132" });
  await db()
    .insert(identityVerifications)
    .values({
      userId: created.user.id,
      realName: "王五",
      idNumberEncrypted: encryptText(idNumber),
      idNumberHash: idNumberHash(idNumber),
      idNumberMasked: maskIdNumber(idNumber),
      portraitKey: "private/u1/a.jpg",
      frontKey: "private/u1/b.jpg",
      backKey: "private/u1/c.jpg",
      status,
    })
    .run();
  return created;
}

const payoutOf = (userId: number) =>
  db().select().from(payoutAccounts).where(eq(payoutAccounts.userId, userId)).get();

describe("payout account ID number", () => {
  it("must be the caller's approved real-name ID number", async () => {
    const { user, token } = await verifiedUser("approved", OWN_ID);
    const refused = await call(createUserinfo, {
      token,
      form: { ...profile, account_idcardnumber: SOMEONE_ELSES_ID },
    });
    expect(refused.http).toBe(400);
    expect(refused.body).toMatchObject({ status: 2, ans: { field: "account_idcardnumber" } });
    expect(await payoutOf(user.id)).toBeUndefined();
    expect(
      (await db().select().from(users).where(eq(users.id, user.id)).get())?.profileSavedAt,
    ).toBeNull();

    const own = await call(createUserinfo, {
      token,
      form: { ...profile, account_idcardnumber: OWN_ID },
    });
    expect(own.body.status).toBe(0);
    expect((await payoutOf(user.id))?.idNumberMasked).toBe("5101**********1237");
  });

  it("is free while no verification is approved", async () => {
    const { user, token } = await verifiedUser("pending", "110101198001010010");
    const { body } = await call(createUserinfo, {
      token,
      form: { ...profile, account_idcardnumber: SOMEONE_ELSES_ID },
    });
    expect(body.status).toBe(0);
    expect((await payoutOf(user.id))?.idNumberMasked).toBe(maskIdNumber(SOMEONE_ELSES_ID));
  });
});
