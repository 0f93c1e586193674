import { randomBytes } from "node:crypto";
import { count } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/wx_fetch_userinfo/route";
import { db } from "@/db";
import { users } from "@/db/schema";
import { call, createUser } from "@/tests/helpers";

// Live mode needs every third-party setting; set before anything reads the environment.
vi.hoisted(() => {
  Object.assign(process.env, {
    APP_MODE: "live",
    AUTH_SECRET: "live-test-auth-secret-0123456789abcdef",
    DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
    WECHAT_APP_ID: "wx-live-test",
    AMAP_WEB_KEY: "amap-test-key",
    WECHAT_APP_SECRET: "wx-live-secret",
    ALIPAY_APP_ID: "2021000000000000",
    ALIPAY_PRIVATE_KEY: "test-private-key",
    ALIPAY_PUBLIC_KEY: "test-public-key",
    INTERNAL_API_KEY: "live-internal-key-0123456789",
  });
});

const userCount = async () => (await db().select({ n: count() }).from(users).get())!.n;

describe("/api/wx_fetch_userinfo in live mode (legacy hole: openid-only login)", () => {
  it("refuses a bare openid, for known and unknown users alike, without creating anyone", async () => {
    const { user } = await createUser({ wxOpenid: "o6_live_known_user" });
    const before = await userCount();
    for (const openid of [user.wxOpenid!, `o6_${randomBytes(6).toString("hex")}`]) {
      const api = await call(GET, { query: { openid } });
      expect(api.http).toBe(401);
      expect(api.body.status).toBe(4);
      expect(api.body.msg).toContain("仅支持微信授权 code 登录");
      expect(api.body.ans).toEqual({});
      const legacy = await call(GET, { query: { openid }, legacy: true });
      expect(legacy).toMatchObject({ http: 200, body: { status: 4 } });
    }
    expect(await userCount()).toBe(before);
  });

  it("still lets a trusted server with X-Internal-Key sign in an existing user", async () => {
    const { user } = await createUser({ wxOpenid: "o6_live_trusted_user" });
    const { body } = await call(GET, {
      query: { openid: "o6_live_trusted_user" },
      headers: { "x-internal-key": "live-internal-key-0123456789" },
    });
    expect(body.status).toBe(0);
    expect(body.ans.id).toBe(user.id);
    expect(body.ans.token).toMatch(/^[0-9a-f]{64}$/);
  });
});
