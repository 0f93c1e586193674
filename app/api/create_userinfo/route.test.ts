import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { GET, POST } from "@/app/api/create_userinfo/route";
import { GET as fetchUserinfo } from "@/app/api/fetch_userinfo/route";
import { db } from "@/db";
import { payoutAccounts, users } from "@/db/schema";
import { issueToken, revokeToken, TOKEN_TTL_MS } from "@/lib/auth/tokens";
import { decryptText } from "@/lib/crypto";
import { call, createUser, htmlBytes, jpegBytes, pngBytes, storedFiles } from "@/tests/helpers";

// Info logging on, so the PII test sees every line the request writes.
process.env.LOG_LEVEL = "info";
let loggedInfo: ReturnType<typeof vi.spyOn>;
let loggedError: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  loggedInfo = vi.spyOn(console, "info").mockImplementation(() => {});
  loggedError = vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

const WX_AVATAR = "https://thirdwx.qlogo.cn/mmopen/avatar/132";
const ID_NUMBER = "510105199001011237";

const fullProfile = {
  nickname: "王先生",
  sex: 2,
  user_type: 1,
  self_description: "房东直租，欢迎看房",
  addressProvince: "四川",
  addressCity: "成都",
  birthday: "1990-01-01",
  constellations: "摩羯座",
  education: "本科",
  occupation: "工程师",
  tel: "13800138000",
  virtual_tel_flag: 1,
  virtual_tel: "400-1234",
  wechat: "wang_wx",
  qq: "123456",
};

async function portrait() {
  return { field: "portrait", name: "me.jpg", type: "image/jpeg", data: await jpegBytes() };
}

const userRow = (id: number) => db().select().from(users).where(eq(users.id, id)).get();
const payoutRows = (id: number) =>
  db().select().from(payoutAccounts).where(eq(payoutAccounts.userId, id)).all();

/** Everything a failed request must leave untouched. */
async function state(id: number) {
  return { user: await userRow(id), payout: await payoutRows(id), files: storedFiles() };
}

describe("/api/create_userinfo: first save", () => {
  it("stores every documented field and the portrait, keeping WeChat's sex (multipart)", async () => {
    const { user, token } = await createUser({ wxSex: 1 });
    const before = storedFiles();
    const { http, body } = await call(POST, {
      token,
      form: fullProfile,
      files: [await portrait()],
    });
    expect(http).toBe(200);
    expect(body).toEqual({ status: 0, msg: "", ans: {} });
    const row = (await userRow(user.id))!;
    expect(row).toMatchObject({
      nickname: "王先生",
      sex: 2,
      wxSex: 1,
      userType: 1,
      selfDescription: "房东直租，欢迎看房",
      addressProvince: "四川",
      addressCity: "成都",
      birthday: "1990-01-01",
      constellations: "摩羯座",
      education: "本科",
      occupation: "工程师",
      tel: "13800138000",
      virtualTelFlag: 1,
      virtualTel: "400-1234",
      wechat: "wang_wx",
      qq: "123456",
    });
    expect(row.profileSavedAt).toBeInstanceOf(Date);
    expect(row.headimgurl).toMatch(/^public\/[0-9a-f-]{36}\.jpg$/);
    expect(storedFiles()).toEqual([...before, row.headimgurl].sort());

    const me = await call(fetchUserinfo, { token });
    expect(me.body.ans).toMatchObject({
      headimgurl: `/api/file/${row.headimgurl}`,
      sex: 2,
      wx_sex: 1,
      profile_saved: true,
    });
  });

  it("accepts JSON and urlencoded bodies and answers HTTP 200 on the legacy path", async () => {
    const viaJson = await createUser({ wxHeadimgurl: WX_AVATAR });
    const json = await call(POST, {
      token: viaJson.token,
      json: { nickname: "李", sex: 0, user_type: 3, qq: 12345678, virtual_tel_flag: false },
    });
    expect(json.body.status).toBe(0);
    expect(await userRow(viaJson.user.id)).toMatchObject({
      nickname: "李",
      sex: 0,
      userType: 3,
      qq: "12345678",
      virtualTelFlag: 0,
      headimgurl: null,
    });

    const viaForm = await createUser({ wxHeadimgurl: WX_AVATAR });
    const legacy = await call(GET, {
      token: viaForm.token,
      query: { nickname: "张", sex: 1, user_type: 2 },
      legacy: true,
    });
    expect(legacy).toMatchObject({ http: 200, body: { status: 0, ans: {} } });
    expect(await userRow(viaForm.user.id)).toMatchObject({ nickname: "张", userType: 2 });
  });

  it("requires nickname, sex and user_type, and a portrait when the user has no avatar", async () => {
    const { user, token } = await createUser({ wxHeadimgurl: WX_AVATAR });
    const before = await state(user.id);
    for (const missing of ["nickname", "sex", "user_type"] as const) {
      const form: Record<string, string | number> = { nickname: "王", sex: 1, user_type: 1 };
      delete form[missing];
      const { http, body } = await call(POST, { token, form, files: [await portrait()] });
      expect(http).toBe(400);
      expect(body).toMatchObject({ status: 2, msg: `${missing}: 首次填写资料时必填` });
    }
    expect(await state(user.id)).toEqual(before);

    const noAvatar = await createUser();
    const { body } = await call(POST, {
      token: noAvatar.token,
      form: { nickname: "王", sex: 1, user_type: 1 },
    });
    expect(body).toMatchObject({ status: 2, msg: "portrait: 请上传头像" });
  });
});

describe("/api/create_userinfo: later saves", () => {
  it("keeps omitted fields (legacy bug: virtual_tel blanked) and replaces the portrait after commit", async () => {
    const { user, token } = await createUser();
    await call(POST, { token, form: fullProfile, files: [await portrait()] });
    const first = (await userRow(user.id))!;

    const second = await call(POST, { token, form: { occupation: "教师" } });
    expect(second.body.status).toBe(0);
    const kept = (await userRow(user.id))!;
    expect(kept).toMatchObject({
      occupation: "教师",
      virtualTel: "400-1234",
      virtualTelFlag: 1,
      tel: "13800138000",
      nickname: "王先生",
      headimgurl: first.headimgurl,
    });

    const replaced = await call(POST, {
      token,
      form: {},
      files: [{ field: "portrait", name: "new.png", type: "image/png", data: await pngBytes() }],
    });
    expect(replaced.body.status).toBe(0);
    const after = (await userRow(user.id))!;
    expect(after.headimgurl).toMatch(/\.png$/);
    expect(storedFiles()).toContain(after.headimgurl);
    expect(storedFiles()).not.toContain(first.headimgurl);
  });

  it("keeps the old portrait and leaves no new file when the database write fails", async () => {
    const { user, token } = await createUser();
    await call(POST, { token, form: fullProfile, files: [await portrait()] });
    const before = await state(user.id);
    // A real constraint failure inside the transaction (not a mock): SQLite aborts the update.
    await db().run(
      sql.raw(`CREATE TRIGGER fail_profile BEFORE UPDATE ON users WHEN NEW.nickname = 'boom'
       BEGIN SELECT RAISE(ABORT, 'forced failure'); END;`),
    );
    try {
      const { http, body } = await call(POST, {
        token,
        form: { nickname: "boom", tel: "13700137000" },
        files: [await portrait()],
      });
      expect(http).toBe(500);
      expect(body).toMatchObject({ status: 5 });
      expect(body.msg).not.toContain("forced failure");
      // The server log keeps the reason but not the values (Drizzle's error carries them).
      const logged = loggedError.mock.calls.flat().join("\n");
      expect(logged).toContain("request.failed");
      expect(logged).toContain("forced failure");
      expect(logged).not.toContain("13700137000");
    } finally {
      await db().run(sql.raw("DROP TRIGGER fail_profile"));
    }
    expect(await state(user.id)).toEqual(before);
  });
});

describe("/api/create_userinfo: validation", () => {
  const invalid: [string, unknown, string][] = [
    ["nickname", "长".repeat(31), "不能超过 30 个字符"],
    ["sex", 3, "应为 0、1、2 之一"],
    ["sex", "abc", "应为整数"],
    ["user_type", 4, "应为 1、2、3 之一"],
    ["self_description", "x".repeat(501), "不能超过 500 个字符"],
    ["addressCity", "x".repeat(51), "不能超过 50 个字符"],
    ["birthday", "1990-02-30", "应为有效日期"],
    ["birthday", "2999-01-01", "不能晚于今天"],
    ["education", "小学", "应为 博士"],
    ["constellations", "呵呵", "应为 白羊座"],
    ["occupation", "x".repeat(51), "不能超过 50 个字符"],
    ["tel", "12345678901", "手机号"],
    ["virtual_tel_flag", "maybe", "应为 0 或 1"],
    ["virtual_tel", "400<script>", "只能包含数字和 -"],
    ["wechat", "x".repeat(51), "不能超过 50 个字符"],
    ["qq", "12ab", "应为 5–12 位数字"],
    ["account_number", "abc", "应为 10–30 位数字"],
    ["account_idcardnumber", "110105194912310021", "校验位不正确"],
  ];

  it.each(invalid)(
    "rejects %s = %j with status 2 and changes nothing",
    async (field, value, reason) => {
      const { user, token } = await createUser({ wxHeadimgurl: WX_AVATAR });
      const before = await state(user.id);
      const { http, body } = await call(POST, {
        token,
        form: { nickname: "王", sex: 1, user_type: 1, [field]: value as string },
        files: [await portrait()],
      });
      expect(http).toBe(400);
      expect(body.status).toBe(2);
      expect(body.msg).toMatch(new RegExp(`^${field}: `));
      expect(body.msg).toContain(reason);
      expect(await state(user.id)).toEqual(before);
    },
  );

  it("rejects a portrait that is not an image, or too large, and stores nothing", async () => {
    const { user, token } = await createUser();
    const before = await state(user.id);
    const html = await call(POST, {
      token,
      form: { nickname: "王", sex: 1, user_type: 1 },
      files: [{ field: "portrait", name: "me.jpg", type: "image/jpeg", data: htmlBytes }],
    });
    expect(html).toMatchObject({ http: 400, body: { status: 2 } });
    expect(html.body.msg).toMatch(/^portrait: /);
    const huge = await call(POST, {
      token,
      form: { nickname: "王", sex: 1, user_type: 1 },
      files: [
        {
          field: "portrait",
          name: "big.jpg",
          type: "image/jpeg",
          data: Buffer.concat([await jpegBytes(), Buffer.alloc(10 * 1024 * 1024)]),
        },
      ],
    });
    expect(huge).toMatchObject({ http: 413, body: { status: 9 } });
    expect(await state(user.id)).toEqual(before);
  });

  it("needs a valid, unexpired, unrevoked token and changes nothing without one", async () => {
    const { user, token } = await createUser({ wxHeadimgurl: WX_AVATAR });
    const before = await state(user.id);
    const form = { nickname: "王", sex: 1, user_type: 1 };
    expect(await call(POST, { form })).toMatchObject({ http: 401, body: { status: 4 } });
    const expired = await issueToken(user.id, new Date(Date.now() - TOKEN_TTL_MS - 1));
    expect(await call(POST, { token: expired, form, legacy: true })).toMatchObject({
      http: 200,
      body: { status: 4 },
    });
    await revokeToken(token);
    expect(await call(POST, { token, form, files: [await portrait()] })).toMatchObject({
      http: 401,
      body: { status: 4 },
    });
    expect(await state(user.id)).toEqual(before);
  });
});

describe("/api/create_userinfo: payout account and legacy holes", () => {
  it("stores the payout account encrypted and masked, and never logs the ID number (legacy hole: PII in logs)", async () => {
    const { user, token } = await createUser({ wxHeadimgurl: WX_AVATAR });
    const { body } = await call(POST, {
      token,
      form: {
        nickname: "王",
        sex: 1,
        user_type: 1,
        tel: "13900139000",
        account_name: "王五",
        account_number: "6222 0202 0011 2233 445",
        account_idcardnumber: ID_NUMBER,
      },
    });
    expect(body.status).toBe(0);
    const [account] = await payoutRows(user.id);
    expect(account).toMatchObject({
      type: 3,
      accountName: "王五",
      accountNumberMasked: "**** 3445",
      idNumberMasked: "5101**********1237",
    });
    expect(JSON.stringify(account)).not.toContain(ID_NUMBER);
    expect(decryptText(account!.idNumberEncrypted!)).toBe(ID_NUMBER);
    expect(decryptText(account!.accountNumberEncrypted!)).toBe("6222020200112233445");

    // Failing requests must not log the number either.
    await call(POST, { token, form: { account_idcardnumber: "110105194912310021" } });
    const logged = [...loggedInfo.mock.calls, ...loggedError.mock.calls].flat().join("\n");
    expect(logged).toContain("user.profile_saved");
    for (const secret of [ID_NUMBER, "110105194912310021", "6222", "13900139000", "王五", token]) {
      expect(logged).not.toContain(secret);
    }

    // A later save of only the name keeps the stored number.
    await call(POST, { token, form: { account_name: "王六" } });
    const [updated] = await payoutRows(user.id);
    expect(updated).toMatchObject({ accountName: "王六", idNumberMasked: "5101**********1237" });
    const me = await call(fetchUserinfo, { token });
    expect(me.body.ans).toMatchObject({ account_idcardnumber_masked: "5101**********1237" });
    expect(JSON.stringify(me.body)).not.toContain(ID_NUMBER);
  });

  it("stores quotes verbatim and only touches the caller's row (legacy hole: SQL injection)", async () => {
    const victim = await createUser({ wxHeadimgurl: WX_AVATAR, nickname: "victim" });
    const { user, token } = await createUser({ wxHeadimgurl: WX_AVATAR });
    const nasty = `x', nickname='pwned' -- "<b>`;
    const { body } = await call(POST, {
      token,
      form: { nickname: nasty, sex: 1, user_type: 1, occupation: "0 or 1=1" },
    });
    expect(body.status).toBe(0);
    expect(await userRow(user.id)).toMatchObject({ nickname: nasty, occupation: "0 or 1=1" });
    expect(await userRow(victim.user.id)).toMatchObject({ nickname: "victim", occupation: null });
  });
});
