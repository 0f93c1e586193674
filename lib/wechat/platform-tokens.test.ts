import { eq } from "drizzle-orm";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/db";
import { wechatPlatformTokens } from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { encryptText } from "@/lib/crypto";
import { jsapiTicket, refreshWechatTokens, wechatAccessToken } from "@/lib/wechat/platform-tokens";
import { STUB_APP_ID, STUB_APP_SECRET, startWechatStub } from "@/lib/wechat/test-stub";

const stub = await startWechatStub();
process.env.WECHAT_API_BASE = stub.url;
process.env.WECHAT_APP_ID = STUB_APP_ID;
process.env.WECHAT_APP_SECRET = STUB_APP_SECRET;
afterAll(() => stub.close());

const calls = (path: string) => stub.requests.filter((request) => request.endsWith(path)).length;
const tokenCalls = () => calls("/cgi-bin/stable_token");
const ticketCalls = () => calls("/cgi-bin/ticket/getticket");
const minutes = (base: Date, count: number) => new Date(base.getTime() + count * 60_000);

beforeEach(async () => {
  stub.platform.delayMs = 0;
  stub.platform.errcodes.length = 0;
  await writeTransaction((tx) => tx.delete(wechatPlatformTokens).run());
});

describe("WeChat access token", () => {
  it("is fetched once for many concurrent readers, and stored encrypted", async () => {
    stub.platform.delayMs = 300;
    const before = tokenCalls();
    const now = new Date();
    const tokens = await Promise.all(Array.from({ length: 8 }, () => wechatAccessToken(now)));
    expect(tokenCalls() - before).toBe(1);
    expect(new Set(tokens).size).toBe(1);
    expect(stub.platform.accessTokens.has(tokens[0]!)).toBe(true);
    const row = await db().select().from(wechatPlatformTokens).get();
    expect(row?.valueEncrypted).not.toContain(tokens[0]);
    expect(row?.refreshClaimedUntil).toBeNull();
  });

  it("is reused until five minutes before it expires, then refreshed once", async () => {
    const now = new Date();
    const first = await wechatAccessToken(now);
    const before = tokenCalls();
    expect(await wechatAccessToken(minutes(now, 114))).toBe(first);
    expect(tokenCalls()).toBe(before);
    const renewed = await Promise.all([
      wechatAccessToken(minutes(now, 116)),
      wechatAccessToken(minutes(now, 116)),
    ]);
    expect(tokenCalls() - before).toBe(1);
    // The reader that lost the claim keeps using the old token, which is still valid.
    expect(renewed[0]).not.toBe(first);
    expect([first, renewed[0]]).toContain(renewed[1]);
    expect(await wechatAccessToken(minutes(now, 117))).toBe(renewed[0]);
    expect(tokenCalls() - before).toBe(1);
  });

  it("serves the still-valid value while another process holds the refresh claim", async () => {
    const now = new Date();
    await writeTransaction((tx) =>
      tx
        .insert(wechatPlatformTokens)
        .values({
          kind: "access_token",
          appid: STUB_APP_ID,
          valueEncrypted: encryptText("old-token"),
          expiresAt: minutes(now, 2),
          refreshClaimedUntil: new Date(now.getTime() + 10_000),
        })
        .run(),
    );
    const before = tokenCalls();
    expect(await wechatAccessToken(now)).toBe("old-token");
    expect(tokenCalls()).toBe(before);
  });

  it("waits for another process's refresh when the stored value has expired", async () => {
    const now = new Date();
    await writeTransaction((tx) =>
      tx
        .insert(wechatPlatformTokens)
        .values({
          kind: "access_token",
          appid: STUB_APP_ID,
          valueEncrypted: encryptText("expired-token"),
          expiresAt: minutes(now, -1),
          refreshClaimedUntil: new Date(now.getTime() + 10_000),
        })
        .run(),
    );
    // The other process finishes its refresh a moment later.
    setTimeout(() => {
      void writeTransaction((tx) =>
        tx
          .update(wechatPlatformTokens)
          .set({
            valueEncrypted: encryptText("their-token"),
            expiresAt: minutes(now, 120),
            refreshClaimedUntil: null,
          })
          .where(eq(wechatPlatformTokens.kind, "access_token"))
          .run(),
      );
    }, 300);
    const before = tokenCalls();
    expect(await wechatAccessToken(now)).toBe("their-token");
    expect(tokenCalls()).toBe(before);
  });

  it("backs off after WeChat's rate-limit error instead of asking again", async () => {
    const now = new Date();
    stub.platform.errcodes.push(45009);
    const before = tokenCalls();
    await expect(wechatAccessToken(now)).rejects.toMatchObject({ status: 11 });
    await expect(wechatAccessToken(minutes(now, 5))).rejects.toMatchObject({ status: 11 });
    expect(tokenCalls() - before).toBe(1);
    expect(await wechatAccessToken(minutes(now, 11))).toMatch(/^stub-access-/);
    expect(tokenCalls() - before).toBe(2);
  });
});

describe("jsapi_ticket", () => {
  it("is fetched with the stored access token and reused", async () => {
    const now = new Date();
    const { appid, ticket } = await jsapiTicket(now);
    expect(appid).toBe(STUB_APP_ID);
    expect(stub.platform.tickets.has(ticket)).toBe(true);
    const before = ticketCalls();
    expect((await jsapiTicket(minutes(now, 60))).ticket).toBe(ticket);
    expect(ticketCalls()).toBe(before);
  });
});

describe("refreshWechatTokens job step", () => {
  it("refreshes both ten minutes ahead and does nothing while they are fresh", async () => {
    const now = new Date();
    expect(await refreshWechatTokens({ now })).toEqual({
      access_token_refreshed: 1,
      jsapi_ticket_refreshed: 1,
    });
    expect(await refreshWechatTokens({ now: minutes(now, 100) })).toEqual({
      access_token_refreshed: 0,
      jsapi_ticket_refreshed: 0,
    });
    const [first, second] = await Promise.all([
      refreshWechatTokens({ now: minutes(now, 111) }),
      refreshWechatTokens({ now: minutes(now, 111) }),
    ]);
    expect((first?.access_token_refreshed ?? 0) + (second?.access_token_refreshed ?? 0)).toBe(1);
    expect((first?.jsapi_ticket_refreshed ?? 0) + (second?.jsapi_ticket_refreshed ?? 0)).toBe(1);
  });
});
