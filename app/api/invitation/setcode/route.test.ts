import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { GET as getcode } from "@/app/api/invitation/getcode/route";
import { GET, POST } from "@/app/api/invitation/setcode/route";
import { db } from "@/db";
import { invitations } from "@/db/schema";
import { issueToken, revokeToken, TOKEN_TTL_MS } from "@/lib/auth/tokens";
import { call, createUser } from "@/tests/helpers";

async function inviterCode() {
  const inviter = await createUser();
  const { body } = await call(getcode, { token: inviter.token });
  return { inviter, code: body.ans.my_invite_code as string };
}

const rowOf = (userId: number) =>
  db().select().from(invitations).where(eq(invitations.userId, userId)).get();

describe("/api/invitation/setcode", () => {
  it("accepts an existing code case-insensitively and records who invited me", async () => {
    const { inviter, code } = await inviterCode();
    const { user, token } = await createUser();
    const { http, body } = await call(GET, {
      token,
      query: { invite_code: ` ${code.toLowerCase()} ` },
    });
    expect(http).toBe(200);
    expect(body.status).toBe(0);
    expect(body.ans.friend_invite_code).toBe(code);
    expect(body.ans.my_invite_code).toMatch(/^[2-9A-Z]{8}$/);
    expect(await rowOf(user.id)).toMatchObject({ friendCode: code, invitedBy: inviter.user.id });

    const mine = await call(getcode, { token });
    expect(mine.body.ans).toEqual({
      my_invite_code: body.ans.my_invite_code,
      friend_invite_code: code,
    });
  });

  it("works on the legacy path and refuses a second code with the legacy message", async () => {
    const first = await inviterCode();
    const second = await inviterCode();
    const { user, token } = await createUser();
    const ok = await call(POST, { token, form: { invite_code: first.code }, legacy: true });
    expect(ok).toMatchObject({ http: 200, body: { status: 0 } });
    for (const code of [second.code, first.code, "-1"]) {
      const again = await call(POST, { token, form: { invite_code: code }, legacy: true });
      expect(again).toMatchObject({ http: 200, body: { status: 2, msg: "不要重复填写邀请码" } });
    }
    expect(await rowOf(user.id)).toMatchObject({
      friendCode: first.code,
      invitedBy: first.inviter.user.id,
    });
  });

  it("lets only one of two racing setcode requests win", async () => {
    const first = await inviterCode();
    const second = await inviterCode();
    const { user, token } = await createUser();
    const answers = await Promise.all([
      call(GET, { token, query: { invite_code: first.code } }),
      call(GET, { token, query: { invite_code: second.code } }),
    ]);
    expect(answers.map((answer) => answer.body.status).sort()).toEqual([0, 2]);
    const winner = answers.find((answer) => answer.body.status === 0)!;
    expect((await rowOf(user.id))!.friendCode).toBe(winner.body.ans.friend_invite_code);
  });

  it("refuses my own code and nonexistent codes, changing nothing (legacy hole: self-invite)", async () => {
    const { user, token } = await createUser();
    const own = (await call(getcode, { token })).body.ans.my_invite_code as string;
    const before = await rowOf(user.id);
    const self = await call(GET, { token, query: { invite_code: own.toLowerCase() } });
    expect(self).toMatchObject({
      http: 400,
      body: { status: 2, msg: "invite_code: 不能填写自己的邀请码" },
    });
    for (const code of ["ZZZZZZZZ", "' OR 1=1 --", "00000006"]) {
      const missing = await call(GET, { token, query: { invite_code: code } });
      expect(missing).toMatchObject({
        http: 400,
        body: { status: 2, msg: "invite_code: 邀请码不存在" },
      });
    }
    expect(await rowOf(user.id)).toEqual(before);
  });

  it("rejects a missing or too long code with status 2", async () => {
    const { user, token } = await createUser();
    expect(await call(GET, { token })).toMatchObject({
      http: 400,
      body: { status: 2, msg: "invite_code: 缺少此参数" },
    });
    const long = await call(GET, { token, query: { invite_code: "A".repeat(21) } });
    expect(long).toMatchObject({ http: 400, body: { status: 2 } });
    expect(long.body.msg).toMatch(/^invite_code: /);
    expect(await rowOf(user.id)).toBeUndefined();
  });

  it("needs a valid, unexpired, unrevoked token", async () => {
    const { code } = await inviterCode();
    const { user, token } = await createUser();
    expect(await call(GET, { query: { invite_code: code } })).toMatchObject({
      http: 401,
      body: { status: 4 },
    });
    const expired = await issueToken(user.id, new Date(Date.now() - TOKEN_TTL_MS - 1));
    expect((await call(GET, { token: expired, query: { invite_code: code } })).body.status).toBe(4);
    await revokeToken(token);
    const revoked = await call(GET, { token, query: { invite_code: code }, legacy: true });
    expect(revoked).toMatchObject({ http: 200, body: { status: 4 } });
    expect(await rowOf(user.id)).toBeUndefined();
  });
});
