import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/invitation/getcode/route";
import { db } from "@/db";
import { invitations } from "@/db/schema";
import { issueToken, revokeToken, TOKEN_TTL_MS } from "@/lib/auth/tokens";
import { call, createUser } from "@/tests/helpers";

const CODE = /^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{8}$/;

describe("/api/invitation/getcode", () => {
  it("creates a random code once and keeps the legacy shape (-1 as a number while unset)", async () => {
    const { user, token } = await createUser();
    const first = await call(GET, { token });
    expect(first.http).toBe(200);
    expect(first.body).toMatchObject({ status: 0, msg: "" });
    expect(Object.keys(first.body.ans).sort()).toEqual(["friend_invite_code", "my_invite_code"]);
    expect(first.body.ans.my_invite_code).toMatch(CODE);
    expect(first.body.ans.friend_invite_code).toBe(-1);
    // Not derived from the user id, as the legacy hex code was.
    expect(first.body.ans.my_invite_code).not.toContain(user.id.toString(16).padStart(8, "0"));

    const again = await call(POST, { token, legacy: true });
    expect(again).toMatchObject({ http: 200, body: { status: 0 } });
    expect(again.body.ans.my_invite_code).toBe(first.body.ans.my_invite_code);
  });

  it("creates one row when first requests race", async () => {
    const { user, token } = await createUser();
    const answers = await Promise.all([1, 2, 3, 4].map(() => call(GET, { token })));
    const codes = new Set(answers.map((answer) => answer.body.ans.my_invite_code));
    expect(codes.size).toBe(1);
    const rows = await db()
      .select({ n: count() })
      .from(invitations)
      .where(eq(invitations.userId, user.id))
      .get();
    expect(rows!.n).toBe(1);
  });

  it("gives different users different codes", async () => {
    const codes = new Set<string>();
    for (let index = 0; index < 20; index += 1) {
      const { token } = await createUser();
      codes.add((await call(GET, { token })).body.ans.my_invite_code);
    }
    expect(codes.size).toBe(20);
  });

  it("needs a valid, unexpired, unrevoked token and creates nothing without one", async () => {
    const { user, token } = await createUser();
    const before = (await db().select({ n: count() }).from(invitations).get())!.n;
    expect(await call(GET, {})).toMatchObject({ http: 401, body: { status: 4 } });
    expect(await call(GET, { token: "0 or 1=1", legacy: true })).toMatchObject({
      http: 200,
      body: { status: 4 },
    });
    const expired = await issueToken(user.id, new Date(Date.now() - TOKEN_TTL_MS - 1));
    expect((await call(GET, { token: expired })).body.status).toBe(4);
    await revokeToken(token);
    expect((await call(GET, { token })).body.status).toBe(4);
    expect((await db().select({ n: count() }).from(invitations).get())!.n).toBe(before);
  });
});
