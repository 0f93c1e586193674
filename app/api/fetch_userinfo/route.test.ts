import { describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/fetch_userinfo/route";
import { payoutAccounts } from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { issueToken, revokeToken, TOKEN_TTL_MS } from "@/lib/auth/tokens";
import { encryptText } from "@/lib/crypto";
import { call, createUser } from "@/tests/helpers";
import { LEGACY_USER_FIELDS } from "@/tests/legacy-user-fields";

const EXPECTED_KEYS = [
  ...LEGACY_USER_FIELDS,
  // The caller's own newer fields.
  "nickname",
  "sex",
  "user_type",
  "self_description",
  "tel",
  "tel_verified",
  "role",
  "profile_saved",
  "account_name",
  "account_number_masked",
  "account_idcardnumber_masked",
].sort();

describe("/api/fetch_userinfo", () => {
  it("returns the caller's profile with the portrait URL and a masked payout account", async () => {
    const { user, token } = await createUser({
      wxNickname: "Band 🐼",
      wxSex: 2,
      sex: 1,
      nickname: "王先生",
      userType: 1,
      tel: "13800138000",
      headimgurl: "public/0b5f1c2e-8a47-4c1e-9d0a-6f1f2b3c4d5e.jpg",
      virtualTelFlag: 1,
      virtualTel: "400-1234",
      profileSavedAt: new Date(),
    });
    await writeTransaction((tx) =>
      tx
        .insert(payoutAccounts)
        .values({
          userId: user.id,
          type: 3,
          accountName: "王五",
          accountNumberEncrypted: encryptText("6222020200112233445"),
          accountNumberMasked: "**** 3445",
          idNumberEncrypted: encryptText("510105199001011237"),
          idNumberMasked: "5101**********1237",
        })
        .run(),
    );
    const { http, body } = await call(GET, { token });
    expect(http).toBe(200);
    expect(body.status).toBe(0);
    expect(Object.keys(body.ans).sort()).toEqual(EXPECTED_KEYS);
    expect(body.ans).toMatchObject({
      id: user.id,
      wx_nickname: "Band 🐼",
      wx_sex: 2,
      sex: 1,
      nickname: "王先生",
      user_type: 1,
      tel: "13800138000",
      tel_verified: false,
      headimgurl: "/api/file/public/0b5f1c2e-8a47-4c1e-9d0a-6f1f2b3c4d5e.jpg",
      virtual_tel_flag: 1,
      virtual_tel: "400-1234",
      role: "user",
      profile_saved: true,
      account_name: "王五",
      account_number_masked: "**** 3445",
      account_idcardnumber_masked: "5101**********1237",
      birthday: null,
    });
    const text = JSON.stringify(body);
    expect(text).not.toContain("510105199001011237");
    expect(text).not.toContain("6222020200112233445");
    expect(text).not.toContain(token);
  });

  it("answers HTTP 200 on the legacy path and only ever shows the caller's own row", async () => {
    const { token } = await createUser({ wxNickname: "me" });
    await createUser({ wxNickname: "someone else" });
    const { http, body } = await call(POST, { token, legacy: true, form: { id: 1 } });
    expect(http).toBe(200);
    expect(body.ans).toMatchObject({ wx_nickname: "me", profile_saved: false, headimgurl: null });
  });

  it("needs a valid, unexpired, unrevoked token", async () => {
    const { user, token } = await createUser();
    expect(await call(GET, {})).toMatchObject({ http: 401, body: { status: 4 } });
    const injected = await call(GET, { token: "0 or 1=1", legacy: true });
    expect(injected).toMatchObject({ http: 200, body: { status: 4, ans: {} } });
    const expired = await issueToken(user.id, new Date(Date.now() - TOKEN_TTL_MS - 1000));
    const late = await call(GET, { token: expired });
    expect(late).toMatchObject({ http: 401, body: { status: 4 } });
    expect(late.body.msg).toContain("过期");
    await revokeToken(token);
    const revoked = await call(GET, { token });
    expect(revoked).toMatchObject({ http: 401, body: { status: 4 } });
    expect(revoked.body.msg).toContain("注销");
  });
});
