import { describe, expect, it } from "vitest";
import { POST as saveProfile } from "@/app/api/create_userinfo/route";
import { GET as fetchUserinfo } from "@/app/api/fetch_userinfo/route";
import { POST as sendCode } from "@/app/api/sms/send_code/route";
import { latestOutboxMessages } from "@/lib/outbox/sandbox-outbox";
import { call, createUser } from "@/tests/helpers";

const WX_AVATAR = "https://thirdwx.qlogo.cn/mmopen/avatar/132";
const profile = { nickname: "王先生", sex: 2, user_type: 1 };

async function requestCode(token: string, tel: string, address: string) {
  const sent = await call(sendCode, {
    path: "/api/sms/send_code",
    token,
    form: { tel, purpose: "profile" },
    headers: { "x-real-ip": address },
  });
  expect(sent.body).toMatchObject({ status: 0, ans: { expires_in: 300, resend_after: 60 } });
  return /验证码是 (\d{6})/.exec((await latestOutboxMessages(1))[0]!.body)![1]!;
}

async function telState(token: string) {
  const { body } = await call(fetchUserinfo, { path: "/api/fetch_userinfo", token });
  return { tel: body.ans.tel, tel_verified: body.ans.tel_verified };
}

describe("verified phone numbers on the profile", () => {
  it("marks a number saved with its code verified, and clears the mark when it changes", async () => {
    const { token } = await createUser({ wxHeadimgurl: WX_AVATAR });
    const code = await requestCode(token, "13800138001", "198.51.100.1");

    const wrong = await call(saveProfile, {
      path: "/api/create_userinfo",
      token,
      form: { ...profile, tel: "13800138001", tel_code: code === "111111" ? "222222" : "111111" },
    });
    expect([wrong.body.status, wrong.body.ans.field]).toEqual([2, "tel_code"]);
    expect(await telState(token)).toEqual({ tel: null, tel_verified: false });

    const saved = await call(saveProfile, {
      path: "/api/create_userinfo",
      token,
      form: { ...profile, tel: "13800138001", tel_code: code },
    });
    expect(saved.body.status).toBe(0);
    expect(await telState(token)).toEqual({ tel: "13800138001", tel_verified: true });

    // other fields saved later keep the mark
    await call(saveProfile, {
      path: "/api/create_userinfo",
      token,
      form: { occupation: "工程师" },
    });
    expect(await telState(token)).toEqual({ tel: "13800138001", tel_verified: true });

    // a new number without a code is saved, as legacy clients expect, but unverified
    await call(saveProfile, {
      path: "/create_userinfo",
      legacy: true,
      token,
      form: { tel: "13900139002" },
    });
    expect(await telState(token)).toEqual({ tel: "13900139002", tel_verified: false });
    await call(saveProfile, { path: "/api/create_userinfo", token, form: { tel: "13800138001" } });
    expect(await telState(token)).toEqual({ tel: "13800138001", tel_verified: false });
  });

  it("refuses a code that was sent for another number", async () => {
    const { token } = await createUser({ wxHeadimgurl: WX_AVATAR });
    const code = await requestCode(token, "13700137001", "198.51.100.2");
    const { body } = await call(saveProfile, {
      path: "/api/create_userinfo",
      token,
      form: { ...profile, tel: "13700137002", tel_code: code },
    });
    expect([body.status, body.ans.field]).toEqual([2, "tel_code"]);
  });

  it("validates send_code parameters and rate-limits a second code within a minute", async () => {
    const { token } = await createUser();
    const bad = await call(sendCode, {
      path: "/api/sms/send_code",
      token,
      form: { tel: "12345", purpose: "profile" },
    });
    expect([bad.http, bad.body.ans.field]).toEqual([400, "tel"]);
    const purpose = await call(sendCode, {
      path: "/api/sms/send_code",
      token,
      form: { tel: "13600136001", purpose: "x" },
    });
    expect(purpose.body.ans.field).toBe("purpose");
    await requestCode(token, "13600136001", "198.51.100.3");
    const again = await call(sendCode, {
      path: "/sms/send_code",
      legacy: true,
      token,
      form: { tel: "13600136001", purpose: "profile" },
    });
    expect([again.http, again.body.status]).toEqual([200, 10]);
  });
});
