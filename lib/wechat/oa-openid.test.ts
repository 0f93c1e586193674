import { afterAll, describe, expect, it } from "vitest";
import { GET as callback } from "@/app/api/wechat/oa_openid/callback/route";
import { GET as start } from "@/app/api/wechat/oa_openid/route";
import { wechatIdentities } from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { encodeSession, SESSION_COOKIE } from "@/lib/auth/session";
import { officialAccountOpenid } from "@/lib/wechat/identities";
import { completeOfficialAccountOpenid, needsOfficialAccountOpenid } from "@/lib/wechat/oa-openid";
import { STUB_APP_ID, STUB_APP_SECRET, startWechatStub } from "@/lib/wechat/test-stub";
import { call, createUser } from "@/tests/helpers";

const stub = await startWechatStub();
process.env.WECHAT_API_BASE = stub.url;
process.env.WECHAT_OPEN_BASE = "https://open.weixin.qq.com";
process.env.WECHAT_APP_ID = STUB_APP_ID;
process.env.WECHAT_APP_SECRET = STUB_APP_SECRET;
afterAll(() => stub.close());

const WECHAT_UA = "Mozilla/5.0 (Linux; Android 14) MicroMessenger/8.0.47.2560 NetType/WIFI";

async function sessionHeaders(userId: number, site: "same-origin" | "cross-site") {
  const cookie = await encodeSession({ uid: userId, role: "user" });
  return { cookie: `${SESSION_COOKIE}=${cookie}`, "sec-fetch-site": site };
}

/** Starts the flow as the signed-in user and answers WeChat's authorize URL. */
async function startFor(userId: number, returnTo: string) {
  const { response } = await call(start, {
    path: "/api/wechat/oa_openid",
    query: { return_to: returnTo },
    headers: await sessionHeaders(userId, "same-origin"),
  });
  expect(response.status).toBe(302);
  return response.headers.get("location") ?? "";
}

async function finish(userId: number, state: string, code?: string) {
  const { response } = await call(callback, {
    path: "/api/wechat/oa_openid/callback",
    query: code ? { code, state } : { state },
    headers: await sessionHeaders(userId, "cross-site"),
  });
  expect(response.status).toBe(302);
  return response.headers.get("location");
}

const stateOf = (authorizeUrl: string) =>
  new URL(authorizeUrl.replace("#wechat_redirect", "")).searchParams.get("state") ?? "";
const baseCode = (openid: string) =>
  stub.code({ profile: { openid, unionid: `u-${openid}` }, scope: "snsapi_base" });

describe("silent Official Account authorisation", () => {
  it("sends the user through snsapi_base and back to the page with the OA openid recorded", async () => {
    const { user } = await createUser();
    expect(await needsOfficialAccountOpenid(user, WECHAT_UA)).toBe(true);
    expect(await needsOfficialAccountOpenid(user, "Mozilla/5.0 Chrome")).toBe(false);
    const authorize = await startFor(user.id, "/houses/3?tab=photos");
    const state = stateOf(authorize);
    expect(authorize).toBe(
      `https://open.weixin.qq.com/connect/oauth2/authorize?appid=${STUB_APP_ID}` +
        `&redirect_uri=${encodeURIComponent("http://localhost:3000/api/wechat/oa_openid/callback")}` +
        `&response_type=code&scope=snsapi_base&state=${state}#wechat_redirect`,
    );
    expect(state).toMatch(/^[0-9a-f]{32}$/);

    const userinfoBefore = stub.requests.filter((path) => path.endsWith("/sns/userinfo")).length;
    const openid = `oa-${Date.now()}`;
    expect(await finish(user.id, state, baseCode(openid))).toBe("/houses/3?tab=photos");
    expect(await officialAccountOpenid(user.id)).toBe(openid);
    expect(stub.requests.filter((path) => path.endsWith("/sns/userinfo")).length).toBe(
      userinfoBefore,
    );
    expect(await needsOfficialAccountOpenid(user, WECHAT_UA)).toBe(false);

    // Single use; and with the openid known, the start route goes straight back.
    expect(await finish(user.id, state, baseCode("again"))).toBe(
      "/houses/3?tab=photos&wechat_oa=failed&reason=state_used",
    );
    expect(await startFor(user.id, "/houses/3")).toBe("/houses/3");
  });

  it("refuses a state started by another user, and an expired state", async () => {
    const { user } = await createUser();
    const { user: other } = await createUser();
    const state = stateOf(await startFor(user.id, "/viewings"));
    expect(await finish(other.id, state, baseCode(`x-${Date.now()}`))).toBe(
      "/viewings?wechat_oa=failed&reason=session",
    );
    expect(await officialAccountOpenid(user.id)).toBeNull();
    expect(await officialAccountOpenid(other.id)).toBeNull();

    const late = stateOf(await startFor(user.id, "/viewings"));
    const request = new Request("http://localhost:3000/api/wechat/oa_openid/callback", {
      headers: await sessionHeaders(user.id, "cross-site"),
    });
    const response = await completeOfficialAccountOpenid(
      request,
      { code: baseCode(`y-${Date.now()}`), state: late },
      new Date(Date.now() + 11 * 60_000),
    );
    expect(response.headers.get("location")).toBe(
      "/viewings?wechat_oa=failed&reason=state_expired",
    );
    expect(await officialAccountOpenid(user.id)).toBeNull();
  });

  it("never moves an openid that belongs to another user", async () => {
    const { user: owner } = await createUser();
    const { user } = await createUser();
    const openid = `taken-${Date.now()}`;
    await writeTransaction((tx) =>
      tx.insert(wechatIdentities).values({ userId: owner.id, appid: STUB_APP_ID, openid }).run(),
    );
    const state = stateOf(await startFor(user.id, "/me"));
    expect(await finish(user.id, state, baseCode(openid))).toBe(
      "/me?wechat_oa=failed&reason=openid_taken",
    );
    expect(await officialAccountOpenid(owner.id)).toBe(openid);
    expect(await officialAccountOpenid(user.id)).toBeNull();
  });

  it("accepts only local return paths, and only for a signed-in user", async () => {
    const { user } = await createUser();
    const headers = await sessionHeaders(user.id, "same-origin");
    for (const returnTo of ["https://evil.example/", "//evil.example/x", "/\\evil.example", "me"]) {
      const { body } = await call(start, {
        path: "/api/wechat/oa_openid",
        query: { return_to: returnTo },
        headers,
      });
      expect(body.status, returnTo).toBe(2);
      expect(body.ans.field).toBe("return_to");
    }
    const { body } = await call(start, {
      path: "/api/wechat/oa_openid",
      query: { return_to: "/houses/9" },
    });
    expect(body.status).toBe(4);
  });
});
