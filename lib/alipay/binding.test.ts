import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as authNotify } from "@/app/api/payment/ali/auth_notify/route";
import { POST as bindingStatus } from "@/app/api/payment/ali/binding_status/route";
import { POST as getAuthUrl } from "@/app/api/payment/ali/get_auth_url/route";
import { POST as zhima } from "@/app/api/payment/ali/zhima/route";
import { POST as zhimaDetail } from "@/app/api/payment/ali/zhima_detail/route";
import { POST as authorize } from "@/app/api/sandbox/alipay/authorize/route";
import { GET as gateway } from "@/app/api/sandbox/alipay/gateway.do/route";
import { db } from "@/db";
import { alipayAuthStates, alipayBindings, sandboxZhimaTransactions } from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { callAlipay } from "@/lib/alipay/client";
import { decryptText, encryptText } from "@/lib/crypto";
import { serveRoutes } from "@/lib/payments/test-support";
import { call, createUser } from "@/tests/helpers";

let server: Awaited<ReturnType<typeof serveRoutes>>;

beforeAll(async () => {
  server = await serveRoutes({
    "/api/sandbox/alipay/gateway.do": gateway,
    "/api/sandbox/alipay/authorize": authorize,
    "/api/payment/ali/auth_notify": authNotify,
  });
  process.env.APP_URL = server.url;
  process.env.ALIPAY_AUTH_SCOPE = "auth_user,auth_zhima";
});
afterAll(() => server.close());

async function authUrl(token: string) {
  const result = await call(getAuthUrl, { token });
  expect(result.body).toMatchObject({ status: 0, ans: { result: "SUCCESS" } });
  return new URL(result.body.ans.auth_url);
}

/** Submits the sandbox authorize form; returns where Alipay sends the browser. */
async function consent(url: URL, action = "approve", logonId = "tenant@sandbox.alipay") {
  const form = new URLSearchParams({
    app_id: url.searchParams.get("app_id") ?? "",
    scope: url.searchParams.get("scope") ?? "",
    redirect_uri: url.searchParams.get("redirect_uri") ?? "",
    state: url.searchParams.get("state") ?? "",
    action,
    logon_id: logonId,
  });
  const response = await fetch(`${server.url}/api/sandbox/alipay/authorize`, {
    method: "POST",
    body: form,
    redirect: "manual",
  });
  expect(response.status).toBe(303);
  return new URL(response.headers.get("location") ?? "");
}

/** Follows Alipay's redirect to our callback; returns the result page it redirects to. */
async function land(callback: URL) {
  const response = await fetch(callback, { redirect: "manual" });
  expect(response.status).toBe(302);
  return new URL(response.headers.get("location") ?? "");
}

async function bindingOf(userId: number) {
  return db().query.alipayBindings.findFirst({ where: eq(alipayBindings.userId, userId) });
}

async function bind(token: string) {
  const callback = await consent(await authUrl(token));
  return land(callback);
}

describe("Alipay account binding", () => {
  it("builds the authorize URL with a single-use state stored only as a hash", async () => {
    const { user, token } = await createUser();
    const url = await authUrl(token);
    expect(url.origin + url.pathname).toBe(`${server.url}/sandbox/alipay/authorize`);
    expect(url.searchParams.get("scope")).toBe("auth_user,auth_zhima");
    expect(url.searchParams.get("redirect_uri")).toBe(`${server.url}/api/payment/ali/auth_notify`);
    const state = url.searchParams.get("state") ?? "";
    expect(state).toMatch(/^[0-9a-f]{64}$/);
    const rows = await db()
      .select()
      .from(alipayAuthStates)
      .where(eq(alipayAuthStates.userId, user.id));
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(state);
    const legacy = await call(getAuthUrl, { token, legacy: true });
    expect(legacy).toMatchObject({ http: 200, body: { status: 0, ans: { result: "SUCCESS" } } });
    expect((await call(getAuthUrl, { legacy: true })).body.status).toBe(4);
  });

  it("binds through the sandbox: code exchanged, ids stored, token encrypted", async () => {
    const { user, token } = await createUser();
    expect((await call(bindingStatus, { token })).body.ans).toBe(-1);
    const result = await bind(token);
    expect(result.toString()).toBe(`${server.url}/alipay?bind=ok`);
    const binding = await bindingOf(user.id);
    expect(binding?.alipayUserId).toMatch(/^2088\d{12}$/);
    expect(binding?.alipayOpenId).toBeTruthy();
    expect(binding?.accessTokenEncrypted).not.toContain("authusr");
    expect(decryptText(binding?.accessTokenEncrypted ?? "")).toMatch(/^authusrB/);
    expect(binding?.accessTokenExpiresAt?.getTime()).toBeGreaterThan(Date.now());
    const status = await call(bindingStatus, { token, legacy: true });
    expect(status).toMatchObject({ http: 200, body: { status: 0, ans: 1 } });
  });

  it("refuses a wrong, a reused and an expired state, binding nothing", async () => {
    const { user, token } = await createUser();
    const callback = await consent(await authUrl(token));

    const wrong = new URL(callback);
    wrong.searchParams.set("state", "0".repeat(64));
    expect((await land(wrong)).searchParams.get("reason")).toBe("state_invalid");
    const missing = new URL(callback);
    missing.searchParams.delete("state");
    expect((await land(missing)).searchParams.get("reason")).toBe("state_missing");
    expect(await bindingOf(user.id)).toBeUndefined();

    expect((await land(callback)).searchParams.get("bind")).toBe("ok");
    await db().delete(alipayBindings).where(eq(alipayBindings.userId, user.id));
    const reused = await land(callback);
    expect(reused.searchParams.get("bind")).toBe("failed");
    expect(reused.searchParams.get("reason")).toBe("state_used");
    expect(await bindingOf(user.id)).toBeUndefined();

    const late = await consent(await authUrl(token));
    await db()
      .update(alipayAuthStates)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(alipayAuthStates.userId, user.id));
    expect((await land(late)).searchParams.get("reason")).toBe("state_expired");
    expect(await bindingOf(user.id)).toBeUndefined();
  });

  it("fails cleanly when the user declines or the auth code was already used", async () => {
    const { user, token } = await createUser();
    const declined = await land(await consent(await authUrl(token), "deny"));
    expect(declined.searchParams.get("reason")).toBe("denied");

    const callback = await consent(await authUrl(token));
    const code = callback.searchParams.get("auth_code") ?? "";
    // A fresh state with a code Alipay has already exchanged: the exchange is refused.
    expect((await land(callback)).searchParams.get("bind")).toBe("ok");
    await db().delete(alipayBindings).where(eq(alipayBindings.userId, user.id));
    const second = await consent(await authUrl(token));
    second.searchParams.set("auth_code", code);
    expect((await land(second)).searchParams.get("reason")).toBe("oauth");
    expect(await bindingOf(user.id)).toBeUndefined();
  });
});

describe("/api/payment/ali/zhima", () => {
  it("N answers -1 without a cache; AUTO and Y need a binding", async () => {
    const { token } = await createUser();
    expect((await call(zhima, { token, form: { refresh: "N" } })).body).toEqual({
      status: 0,
      msg: "",
      ans: -1,
    });
    for (const refresh of ["AUTO", "Y", ""]) {
      const result = await call(zhima, { token, form: { refresh } });
      expect(result).toMatchObject({
        http: 409,
        body: { status: 8, msg: "请先绑定支付宝", ans: -1 },
      });
    }
    for (const refresh of ["maybe", "1"]) {
      const result = await call(zhima, { token, form: { refresh } });
      expect(result.body).toMatchObject({ status: 2, ans: { field: "refresh" } });
    }
  });

  it("the bind return fetches the score, so N reads it without a separate tap", async () => {
    const { token } = await createUser();
    await bind(token);
    const cached = await call(zhima, { token, form: { refresh: "N" } });
    expect(cached.body).toMatchObject({ status: 0, ans: expect.stringMatching(/^\d{3}$/) });
    const detail = await call(zhimaDetail, { token });
    expect(detail.body.ans).toEqual({
      bound: true,
      score: Number(cached.body.ans),
      updated_at: expect.any(String),
    });
  });

  it("AUTO fetches once then serves the cache, N reads the cache, Y always asks Alipay", async () => {
    const { user, token } = await createUser();
    await bind(token);
    await db()
      .update(alipayBindings)
      .set({ zhimaScore: null, zhimaScoreAt: null })
      .where(eq(alipayBindings.userId, user.id));
    expect((await call(zhima, { token, form: { refresh: "n" } })).body.ans).toBe(-1);
    const auto = await call(zhima, { token, form: { refresh: "auto" } });
    expect(auto.body.status).toBe(0);
    expect(auto.body.ans).toMatch(/^\d{3}$/);
    const score = Number(auto.body.ans);
    expect(score).toBeGreaterThanOrEqual(350);

    await db()
      .update(alipayBindings)
      .set({ zhimaScore: 123 })
      .where(eq(alipayBindings.userId, user.id));
    expect((await call(zhima, { token, form: { refresh: "N" } })).body.ans).toBe("123");
    expect((await call(zhima, { token, legacy: true })).body).toMatchObject({
      status: 0,
      ans: "123",
    });
    // Two forced refreshes in a row: each call has its own transaction_id, or Alipay refuses it.
    expect((await call(zhima, { token, form: { refresh: "Y" } })).body.ans).toBe(String(score));
    expect((await call(zhima, { token, form: { refresh: "y" } })).body.ans).toBe(String(score));
    const detail = await call(zhimaDetail, { token, legacy: true });
    expect(detail).toMatchObject({ http: 200, body: { status: 0 } });
    expect(detail.body.ans).toEqual({ bound: true, score, updated_at: expect.any(String) });
  });

  it("the sandbox refuses a reused transaction_id from any process: it is kept in the database", async () => {
    const { user, token } = await createUser();
    await bind(token);
    const binding = await bindingOf(user.id);
    const ask = (transactionId: string) =>
      callAlipay("zhima.credit.score.get", {
        authToken: decryptText(binding?.accessTokenEncrypted ?? ""),
        bizContent: { transaction_id: transactionId, product_code: "w1010100100000000001" },
      });
    const old = `old-${user.id}`;
    await writeTransaction((tx) =>
      tx
        .insert(sandboxZhimaTransactions)
        .values({ transactionId: old, createdAt: new Date(Date.now() - 2 * 24 * 3600 * 1000) })
        .run(),
    );
    const id = `tx-${user.id}-${Date.now()}`;
    expect(await ask(id)).toMatchObject({ code: "10000" });
    expect(await ask(id)).toMatchObject({ subCode: "ZHIMA_TRANSACTION_ID_DUPLICATE" });
    const stored = await db().select().from(sandboxZhimaTransactions);
    expect(stored.map((row) => row.transactionId)).toContain(id);
    // A day later an id is forgotten (the table stays bounded).
    expect(stored.map((row) => row.transactionId)).not.toContain(old);
  });

  it("reports Alipay's refusal as status 11 with a plain message, never Alipay's payload", async () => {
    const { user, token } = await createUser();
    await bind(token);
    const before = (await bindingOf(user.id))?.zhimaScore;
    expect(before).toBeGreaterThan(0);
    // Alipay no longer honours the stored token (e.g. the user revoked the authorisation).
    await db()
      .update(alipayBindings)
      .set({ accessTokenEncrypted: encryptText("authusrBrevoked") })
      .where(eq(alipayBindings.userId, user.id));
    const refused = await call(zhima, { token, form: { refresh: "Y" } });
    expect(refused).toMatchObject({
      http: 502,
      body: { status: 11, msg: "芝麻分获取失败，请确认已授权芝麻信用", ans: -1 },
    });
    // A failed refresh keeps the score fetched at binding; it never stores Alipay's answer.
    expect((await bindingOf(user.id))?.zhimaScore).toBe(before);
  });

  it("works for any user id (the legacy queries broke from id 10 on)", async () => {
    let person = await createUser();
    while (person.user.id < 12) person = await createUser();
    await bind(person.token);
    expect((await call(bindingStatus, { token: person.token })).body.ans).toBe(1);
    expect(
      (await call(zhima, { token: person.token, form: { refresh: "AUTO" } })).body.ans,
    ).toMatch(/^\d{3}$/);
  });

  it("asks to bind again when the access token has expired", async () => {
    const { user, token } = await createUser();
    await bind(token);
    await db()
      .update(alipayBindings)
      .set({ accessTokenExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(alipayBindings.userId, user.id));
    const result = await call(zhima, { token, form: { refresh: "Y" } });
    expect(result.body).toMatchObject({ status: 8, ans: -1 });
  });
});
