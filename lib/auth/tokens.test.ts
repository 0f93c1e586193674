import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { POST as logout } from "@/app/api/logout/route";
import { db } from "@/db";
import { apiTokens } from "@/db/schema";
import { checkToken, issueToken, TOKEN_TTL_MS } from "@/lib/auth/tokens";
import { call, createUser } from "@/tests/helpers";

describe("API tokens", () => {
  it("are 64 hex characters and stored only as a hash", async () => {
    const { user, token } = await createUser();
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    const rows = await db().select().from(apiTokens).where(eq(apiTokens.userId, user.id));
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it("expire after 30 days", async () => {
    const { user } = await createUser();
    const issuedAt = new Date("2026-01-01T00:00:00Z");
    const token = await issueToken(user.id, issuedAt);
    expect((await checkToken(token, new Date(issuedAt.getTime() + TOKEN_TTL_MS - 1000))).ok).toBe(
      true,
    );
    expect(await checkToken(token, new Date(issuedAt.getTime() + TOKEN_TTL_MS))).toEqual({
      ok: false,
      reason: "expired",
    });
  });

  it("are accepted from the token header and Authorization: Bearer, and revoked by logout", async () => {
    const { token } = await createUser();
    const viaBearer = await call(logout, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(viaBearer.body).toEqual({ status: 0, msg: "", ans: {} });
    const again = await call(logout, { method: "POST", token });
    expect(again.http).toBe(401);
    expect(again.body.status).toBe(4);
    expect(again.body.msg).toContain("注销");
  });

  it("reject forged and malformed tokens with status 4, HTTP 200 on legacy paths", async () => {
    const forged = "a703bd25f111842c77b359d49a2fc5414b9036dccb872f04d3359ec677b5c7c1";
    const api = await call(logout, { method: "POST", token: forged });
    expect(api).toMatchObject({ http: 401, body: { status: 4 } });
    const legacy = await call(logout, { method: "POST", token: "0 or 1=1", legacy: true });
    expect(legacy).toMatchObject({ http: 200, body: { status: 4 } });
    const none = await call(logout, { method: "POST" });
    expect(none).toMatchObject({ http: 401, body: { status: 4 } });
  });
});

describe("/api/health", () => {
  it("reports ready once the database answers", async () => {
    const response = await health();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 0, ans: { ok: true, mode: "sandbox" } });
  });
});
