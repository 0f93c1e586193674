import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { users } from "@/db/schema";
import { authConfig } from "@/lib/auth/config";
import {
  conformTokenResponse,
  wechatAccountId,
  wechatAuthorizeUrl,
  wechatProvider,
} from "@/lib/auth/wechat-provider";
import { env } from "@/lib/env";

const provider = wechatProvider({
  kind: "oa",
  appId: "wx-app",
  appSecret: "wx-secret",
  appUrl: "http://localhost:3000",
  apiBase: "http://127.0.0.1:9/wechat-api",
});

const config = authConfig({ ...env(), WECHAT_APP_ID: "wx-app", WECHAT_APP_SECRET: "wx-secret" });

describe("WeChat provider fixes", () => {
  it("uses unionid when WeChat sends one, openid otherwise", async () => {
    expect(wechatAccountId({ openid: "o-1", unionid: "u-1" })).toBe("u-1");
    expect(wechatAccountId({ openid: "o-2" })).toBe("o-2");
    expect(wechatAccountId({ openid: "o-3", unionid: "" })).toBe("o-3");
    const mapped = await provider.profile?.({ openid: "o-4", nickname: "小王" }, {} as never);
    expect(mapped).toMatchObject({ id: "o-4", name: "小王" });
  });

  it("turns WeChat's text/plain token answer into a fresh JSON response", async () => {
    const wechat = new Response(
      JSON.stringify({ access_token: "t", openid: "o", expires_in: 7200 }),
      {
        headers: { "content-type": "text/plain" },
      },
    );
    const conformed = await conformTokenResponse(wechat);
    expect(conformed.headers.get("content-type")).toBe("application/json");
    expect(await conformed.json()).toMatchObject({
      access_token: "t",
      openid: "o",
      token_type: "bearer",
    });
  });

  it("maps a WeChat errcode to an OAuth error", async () => {
    const conformed = await conformTokenResponse(
      new Response(JSON.stringify({ errcode: 40029, errmsg: "invalid code" })),
    );
    expect((await conformed.json()).error).toBe("invalid_grant");
  });

  it("builds endpoints from the configured bases", () => {
    expect(String((provider.token as { url: URL }).url)).toBe(
      "http://127.0.0.1:9/wechat-api/sns/oauth2/access_token",
    );
    expect(String((provider.authorization as { url: URL }).url)).toContain(
      "http://localhost:3000/api/auth/wechat/authorize/oa",
    );
  });
});

describe("WeChat sign-in callbacks", () => {
  const account = (extra: Record<string, unknown> = {}) =>
    ({ provider: "wechat", type: "oauth", providerAccountId: "x", ...extra }) as never;

  it("refuses snapshot-page users and stores nothing", async () => {
    const profile = { openid: "snap-openid", nickname: "微信用户", is_snapshotuser: 1 };
    const outcome = await config.callbacks?.signIn?.({
      user: {},
      account: account(),
      profile: profile as never,
    });
    expect(outcome).toBe("/login?error=snapshot");
    const fromToken = await config.callbacks?.signIn?.({
      user: {},
      account: account({ is_snapshotuser: 1 }),
      profile: { openid: "snap-2" } as never,
    });
    expect(fromToken).toBe("/login?error=snapshot");
    await expect(
      config.callbacks?.jwt?.({
        token: {},
        user: {} as never,
        account: account({ is_snapshotuser: 1 }),
        profile: { openid: "snap-3" } as never,
      }),
    ).rejects.toThrow();
    const stored = await db().select().from(users).where(eq(users.wxOpenid, "snap-openid")).all();
    const stored3 = await db().select().from(users).where(eq(users.wxOpenid, "snap-3")).all();
    expect([...stored, ...stored3]).toEqual([]);
  });

  it("creates one user per openid and puts our user id in the session token", async () => {
    const profile = { openid: "real-openid", unionid: "real-union", nickname: "阿明" };
    const first = await config.callbacks?.jwt?.({
      token: {},
      user: {} as never,
      account: account(),
      profile: profile as never,
    });
    const second = await config.callbacks?.jwt?.({
      token: {},
      user: {} as never,
      account: account(),
      profile: profile as never,
    });
    const rows = await db().select().from(users).where(eq(users.wxOpenid, "real-openid")).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.wxUnionid).toBe("real-union");
    expect(first).toMatchObject({ uid: rows[0]?.id, role: "user" });
    expect(second).toMatchObject({ uid: rows[0]?.id });
  });
});

describe("WeChat authorize URL", () => {
  it("is rebuilt in WeChat's exact parameter order with #wechat_redirect", () => {
    const authjs = new URL(
      "http://localhost:3000/api/auth/wechat/authorize/oa?appid=wx-app&scope=snsapi_userinfo&response_type=code&client_id=wx-app&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Fapi%2Fauth%2Fcallback%2Fwechat&state=s1",
    );
    const url = wechatAuthorizeUrl("oa", authjs, {
      appId: "wx-app",
      openBase: "https://open.weixin.qq.com",
    });
    expect(url).toBe(
      "https://open.weixin.qq.com/connect/oauth2/authorize?appid=wx-app&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Fapi%2Fauth%2Fcallback%2Fwechat&response_type=code&scope=snsapi_userinfo&state=s1#wechat_redirect",
    );
    expect(wechatAuthorizeUrl("oa", authjs, { appId: "other", openBase: "https://x" })).toBeNull();
  });
});
