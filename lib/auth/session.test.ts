import { describe, expect, it } from "vitest";
import { POST as fetchUserinfo } from "@/app/api/fetch_userinfo/route";
import { encodeSession, SESSION_COOKIE } from "@/lib/auth/session";
import { call, createUser } from "@/tests/helpers";

const sameOrigin = { "sec-fetch-site": "same-origin" };

async function cookieFor(uid: number, role: "user" | "admin" = "user") {
  return `${SESSION_COOKIE}=${await encodeSession({ uid, role, name: "测试" })}`;
}

describe("next-auth session cookie → current user", () => {
  it("is accepted by a route handler when no token header is sent", async () => {
    const { user } = await createUser();
    const { body } = await call(fetchUserinfo, {
      headers: { cookie: await cookieFor(user.id), ...sameOrigin },
    });
    expect(body.status).toBe(0);
    expect(body.ans.id).toBe(user.id);
  });

  it("accepts an Origin header from our own origin when Sec-Fetch-Site is missing", async () => {
    const { user } = await createUser();
    const { body } = await call(fetchUserinfo, {
      method: "POST",
      headers: { cookie: await cookieFor(user.id), origin: "http://localhost:3000" },
    });
    expect(body.status).toBe(0);
  });

  it("treats a malformed cookie value as no session, not a 500", async () => {
    const { token } = await createUser();
    for (const value of ["%", "%E0%A4%A", "%zz"]) {
      const anonymous = await call(fetchUserinfo, {
        headers: { cookie: `${SESSION_COOKIE}=${value}`, ...sameOrigin },
      });
      expect(anonymous, value).toMatchObject({ http: 401, body: { status: 4 } });
      const withToken = await call(fetchUserinfo, {
        token,
        headers: { cookie: `other=1; ${SESSION_COOKIE}=${value}`, ...sameOrigin },
      });
      expect(withToken.body.status, value).toBe(0);
    }
  });

  it("refuses a tampered cookie", async () => {
    const { user } = await createUser();
    const cookie = await cookieFor(user.id);
    const tampered = `${cookie.slice(0, -6)}${cookie.slice(-6) === "AAAAAA" ? "BBBBBB" : "AAAAAA"}`;
    const { http, body } = await call(fetchUserinfo, {
      headers: { cookie: tampered, ...sameOrigin },
    });
    expect(http).toBe(401);
    expect(body.status).toBe(4);
  });

  it("refuses a cookie encrypted for another user id that does not exist", async () => {
    const { body } = await call(fetchUserinfo, {
      headers: { cookie: await cookieFor(999_999), ...sameOrigin },
    });
    expect(body.status).toBe(4);
  });

  it("ignores the cookie on cross-site requests (CSRF)", async () => {
    const { user } = await createUser();
    const cookie = await cookieFor(user.id);
    const attempts: Record<string, string>[] = [
      { cookie, "sec-fetch-site": "cross-site" },
      { cookie, origin: "https://evil.example" },
      { cookie },
    ];
    for (const headers of attempts) {
      const { body } = await call(fetchUserinfo, { headers });
      expect(body.status).toBe(4);
    }
  });

  it("reads the role from the database, not from the cookie", async () => {
    const { user } = await createUser({ role: "user" });
    const { body } = await call(fetchUserinfo, {
      headers: { cookie: await cookieFor(user.id, "admin"), ...sameOrigin },
    });
    expect(body.ans.role).toBe("user");
  });

  it("lets an API token win over the cookie", async () => {
    const { user: cookieUser } = await createUser();
    const { user: tokenUser, token } = await createUser();
    const { body } = await call(fetchUserinfo, {
      token,
      headers: { cookie: await cookieFor(cookieUser.id), ...sameOrigin },
    });
    expect(body.ans.id).toBe(tokenUser.id);
  });
});
