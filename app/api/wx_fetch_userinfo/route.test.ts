import { count, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as fetchUserinfo } from "@/app/api/fetch_userinfo/route";
import { GET, POST } from "@/app/api/wx_fetch_userinfo/route";
import { db } from "@/db";
import { apiTokens, users } from "@/db/schema";
import { CLIENT_ADDRESS_HEADER } from "@/lib/api/client-address";
import { upsertWechatUser } from "@/lib/users/wechat";
import { STUB_APP_ID, STUB_APP_SECRET, startWechatStub } from "@/lib/wechat/test-stub";
import { call, createUser } from "@/tests/helpers";
import { LEGACY_USER_FIELDS } from "@/tests/legacy-user-fields";

// env() is read lazily, so these take effect before the first request of this file.
const stub = await startWechatStub();
process.env.WECHAT_API_BASE = `${stub.url}/mounted/`;
process.env.WECHAT_APP_ID = STUB_APP_ID;
process.env.WECHAT_APP_SECRET = STUB_APP_SECRET;
process.env.INTERNAL_API_KEY = "internal-key-for-tests-0123456789";
process.env.LOG_LEVEL = "info";

afterAll(() => stub.close());
// Logging is on (LOG_LEVEL=info) so the log test sees real lines; keep them off the test output.
let loggedInfo: ReturnType<typeof vi.spyOn>;
let loggedError: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  loggedInfo = vi.spyOn(console, "info").mockImplementation(() => {});
  loggedError = vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

let ipSequence = 0;
/** A fresh client address per request, so the login rate limit only applies where tested. */
function freshIp() {
  ipSequence += 1;
  return { [CLIENT_ADDRESS_HEADER]: `198.51.100.${ipSequence % 250}` };
}

let openidSequence = 0;
function wechatProfile(overrides: Record<string, unknown> = {}) {
  openidSequence += 1;
  return {
    openid: `o6_bmjrPTlm6_2sgVt7hMZ${String(openidSequence).padStart(6, "0")}`,
    unionid: `union-${openidSequence}`,
    nickname: "Band 🐼🏠",
    sex: 1,
    province: "广东",
    city: "广州",
    country: "中国",
    headimgurl: "https://thirdwx.qlogo.cn/mmopen/abc/132",
    ...overrides,
  };
}

const userCount = async () => (await db().select({ n: count() }).from(users).get())!.n;
const userByOpenid = (openid: string) =>
  db().select().from(users).where(eq(users.wxOpenid, openid)).get();

describe("/api/wx_fetch_userinfo with a WeChat OAuth code", () => {
  it("creates the user, stores unionid and emoji nickname, and returns the legacy fields plus a token", async () => {
    const profile = wechatProfile();
    const code = stub.code({ profile });
    const { http, body } = await call(GET, { query: { code }, headers: freshIp() });
    expect(http).toBe(200);
    expect(body.status).toBe(0);
    for (const field of LEGACY_USER_FIELDS) expect(body.ans).toHaveProperty(field);
    expect(body.ans).toMatchObject({
      wx_openid: profile.openid,
      wx_nickname: "Band 🐼🏠",
      wx_sex: 1,
      wx_city: "广州",
      wx_headimgurl: profile.headimgurl,
      headimgurl: null,
      profile_saved: false,
    });
    expect(body.ans.token).toMatch(/^[0-9a-f]{64}$/);
    expect(stub.requests.slice(-2)).toEqual([
      "/mounted/sns/oauth2/access_token",
      "/mounted/sns/userinfo",
    ]);
    const stored = await userByOpenid(profile.openid);
    expect(stored).toMatchObject({ wxUnionid: profile.unionid, wxNickname: "Band 🐼🏠" });

    const me = await call(fetchUserinfo, { token: body.ans.token });
    expect(me.body.ans).toMatchObject({ id: stored!.id, wx_nickname: "Band 🐼🏠" });
    expect(me.body.ans).not.toHaveProperty("token");
  });

  it("answers HTTP 200 on the legacy path and updates a returning user without duplicating them", async () => {
    const profile = wechatProfile();
    const first = await call(POST, { form: { code: stub.code({ profile }) }, headers: freshIp() });
    const renamed = { ...profile, nickname: "新名字", city: "深圳" };
    const second = await call(POST, {
      form: { code: stub.code({ profile: renamed }) },
      legacy: true,
      headers: freshIp(),
    });
    expect(second.http).toBe(200);
    expect(second.body.status).toBe(0);
    expect(second.body.ans.id).toBe(first.body.ans.id);
    expect(second.body.ans).toMatchObject({ wx_nickname: "新名字", wx_city: "深圳" });
    expect(second.body.ans.token).not.toBe(first.body.ans.token);
    expect(await userByOpenid(profile.openid)).toMatchObject({ wxNickname: "新名字" });
  });

  it("creates exactly one user when two first logins of one openid race", async () => {
    const profile = wechatProfile();
    const before = await userCount();
    const [a, b] = await Promise.all([
      call(GET, { query: { code: stub.code({ profile }) }, headers: freshIp() }),
      call(GET, { query: { code: stub.code({ profile }) }, headers: freshIp() }),
    ]);
    expect(a.body.status).toBe(0);
    expect(b.body.status).toBe(0);
    expect(a.body.ans.id).toBe(b.body.ans.id);
    expect(await userCount()).toBe(before + 1);
  });

  it("signs a known unionid in as the same user from another WeChat app", async () => {
    const profile = wechatProfile();
    const first = await call(GET, { query: { code: stub.code({ profile }) }, headers: freshIp() });
    const before = await userCount();
    const otherApp = { ...profile, openid: `${profile.openid}-web`, nickname: "桌面登录" };
    const second = await call(GET, {
      query: { code: stub.code({ profile: otherApp }) },
      headers: freshIp(),
    });
    expect(second.body.status).toBe(0);
    expect(second.body.ans).toMatchObject({ id: first.body.ans.id, wx_nickname: "桌面登录" });
    expect(await userCount()).toBe(before);
  });

  it("keeps stored WeChat fields on a silent snsapi_base login", async () => {
    const profile = wechatProfile();
    await call(GET, { query: { code: stub.code({ profile }) }, headers: freshIp() });
    const userinfoCalls = () =>
      stub.requests.filter((path) => path === "/mounted/sns/userinfo").length;
    const before = userinfoCalls();
    const silent = await call(GET, {
      query: { code: stub.code({ profile, scope: "snsapi_base" }) },
      headers: freshIp(),
    });
    expect(silent.body.status).toBe(0);
    expect(silent.body.ans).toMatchObject({ wx_nickname: "Band 🐼🏠", wx_city: "广州" });
    expect(userinfoCalls()).toBe(before);
  });

  it("refuses snapshot-page users and stores nothing", async () => {
    const profile = wechatProfile({ is_snapshotuser: 1 });
    const before = await userCount();
    const { http, body } = await call(GET, {
      query: { code: stub.code({ profile }) },
      headers: freshIp(),
    });
    expect(http).toBe(401);
    expect(body.status).toBe(4);
    expect(body.msg).toContain("快照页");
    expect(await userCount()).toBe(before);
    await expect(upsertWechatUser(profile, null)).rejects.toMatchObject({ status: 4 });
    expect(await userCount()).toBe(before);
  });

  it("turns WeChat errors and a reused code into status 4 with a reason", async () => {
    const profile = wechatProfile();
    const before = await userCount();
    const rejected = await call(GET, {
      query: { code: stub.code({ profile, errcode: 40029 }) },
      headers: freshIp(),
      legacy: true,
    });
    expect(rejected).toMatchObject({ http: 200, body: { status: 4 } });
    expect(rejected.body.msg).toContain("40029");

    const code = stub.code({ profile });
    expect((await call(GET, { query: { code }, headers: freshIp() })).body.status).toBe(0);
    const reused = await call(GET, { query: { code }, headers: freshIp() });
    expect(reused.body).toMatchObject({ status: 4 });
    expect(reused.body.msg).toContain("已使用");
    expect(await userCount()).toBe(before + 1);
  });

  it("reports a network failure as a clear status 4 without internals", async () => {
    const before = await userCount();
    const { http, body } = await call(GET, {
      query: { code: stub.code({ profile: wechatProfile(), hangUp: true }) },
      headers: freshIp(),
    });
    expect(http).toBe(401);
    expect(body).toEqual({ status: 4, msg: "微信登录失败，请重试", ans: {} });
    expect(await userCount()).toBe(before);
  });

  it("never logs the token, the code or the nickname", async () => {
    const profile = wechatProfile({ nickname: "张三丰" });
    const code = stub.code({ profile });
    const { body } = await call(GET, { query: { code }, headers: freshIp() });
    const logged = [...loggedInfo.mock.calls, ...loggedError.mock.calls].flat().join("\n");
    expect(logged).toContain("user.login");
    for (const secret of [body.ans.token, code, "张三丰", profile.openid, STUB_APP_SECRET]) {
      expect(logged).not.toContain(secret);
    }
  });
});

describe("/api/wx_fetch_userinfo with a bare openid", () => {
  it("signs in (creating the user) in sandbox mode", async () => {
    const openid = "sandbox-openid-alice-0001";
    const first = await call(GET, { query: { openid }, headers: freshIp() });
    expect(first.http).toBe(200);
    expect(first.body.ans).toMatchObject({ wx_openid: openid, wx_nickname: "ice-0001" });
    expect(first.body.ans.token).toMatch(/^[0-9a-f]{64}$/);
    const again = await call(GET, { query: { openid }, headers: freshIp(), legacy: true });
    expect(again.body.ans.id).toBe(first.body.ans.id);
  });

  it("signs in an existing user for a trusted server with the right X-Internal-Key", async () => {
    const { user } = await createUser({ wxOpenid: "trusted-existing-openid" });
    const ok = await call(GET, {
      query: { openid: "trusted-existing-openid" },
      headers: { ...freshIp(), "x-internal-key": "internal-key-for-tests-0123456789" },
    });
    expect(ok.body.status).toBe(0);
    expect(ok.body.ans.id).toBe(user.id);

    const before = await userCount();
    const unknown = await call(GET, {
      query: { openid: "trusted-unknown-openid" },
      headers: { ...freshIp(), "x-internal-key": "internal-key-for-tests-0123456789" },
    });
    expect(unknown).toMatchObject({ http: 404, body: { status: 7 } });
    const wrongKey = await call(GET, {
      query: { openid: "trusted-existing-openid" },
      headers: { ...freshIp(), "x-internal-key": "guess" },
    });
    expect(wrongKey).toMatchObject({ http: 401, body: { status: 4, msg: "X-Internal-Key 无效" } });
    expect(await userCount()).toBe(before);
  });

  it("rejects missing and malformed parameters with status 2", async () => {
    const before = await userCount();
    const tokensBefore = (await db().select({ n: count() }).from(apiTokens).get())!.n;
    const missing = await call(GET, { headers: freshIp() });
    expect(missing).toMatchObject({ http: 400, body: { status: 2, msg: "code: 缺少此参数" } });
    const injected = await call(GET, { query: { openid: "x' or 1=1 --" }, headers: freshIp() });
    expect(injected).toMatchObject({ http: 400, body: { status: 2 } });
    expect(injected.body.msg).toMatch(/^openid: /);
    expect(await userCount()).toBe(before);
    expect((await db().select({ n: count() }).from(apiTokens).get())!.n).toBe(tokensBefore);
  });

  it("rate-limits one client address to 60 attempts a minute (status 10, HTTP 429)", async () => {
    // As the custom server sets it (the address it trusts, from the socket and TRUST_PROXY_HOPS).
    const headers = { [CLIENT_ADDRESS_HEADER]: "203.0.113.7" };
    for (let attempt = 0; attempt < 60; attempt += 1) {
      const { body } = await call(GET, { query: { openid: "rate-limited-openid" }, headers });
      expect(body.status).toBe(0);
    }
    const blocked = await call(GET, { query: { openid: "rate-limited-openid" }, headers });
    expect(blocked).toMatchObject({ http: 429, body: { status: 10 } });
    const legacy = await call(GET, {
      query: { openid: "rate-limited-openid" },
      headers,
      legacy: true,
    });
    expect(legacy).toMatchObject({ http: 200, body: { status: 10 } });
    // A client-supplied X-Forwarded-For does not reset the count.
    const spoofed = await call(GET, {
      query: { openid: "rate-limited-openid" },
      headers: { ...headers, "x-forwarded-for": "192.0.2.1, 198.51.100.250" },
    });
    expect(spoofed.body.status).toBe(10);
    const other = await call(GET, { query: { openid: "rate-limited-openid" }, headers: freshIp() });
    expect(other.body.status).toBe(0);
  });
});
