import { eq, sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import { users, wechatIdentities } from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { upsertWechatUser } from "@/lib/users/wechat";
import { applyIdentityBackfill, officialAccountOpenid } from "@/lib/wechat/identities";
import { createUser } from "@/tests/helpers";

vi.hoisted(() => {
  process.env.WECHAT_APP_ID = "wx-oa";
  process.env.WECHAT_WEB_APP_ID = "wx-web";
});

const identitiesOf = (userId: number) =>
  db()
    .select({ appid: wechatIdentities.appid, openid: wechatIdentities.openid })
    .from(wechatIdentities)
    .where(eq(wechatIdentities.userId, userId))
    .orderBy(wechatIdentities.appid)
    .all();

describe("officialAccountOpenid", () => {
  it("answers the openid under WECHAT_APP_ID only, never another app's", async () => {
    const { user } = await createUser();
    await writeTransaction((tx) =>
      tx
        .insert(wechatIdentities)
        .values({ userId: user.id, appid: "wx-web", openid: "web-openid" })
        .run(),
    );
    expect(await officialAccountOpenid(user.id)).toBeNull();
    await writeTransaction((tx) =>
      tx
        .insert(wechatIdentities)
        .values({ userId: user.id, appid: "wx-oa", openid: "oa-openid" })
        .run(),
    );
    expect(await officialAccountOpenid(user.id)).toBe("oa-openid");
  });
});

describe("sign-in identities", () => {
  it("records each app's openid and merges the apps only by unionid", async () => {
    const web = await upsertWechatUser({ openid: "qr-1", unionid: "union-1" }, "wx-web");
    expect(await identitiesOf(web.id)).toEqual([{ appid: "wx-web", openid: "qr-1" }]);
    expect(await officialAccountOpenid(web.id)).toBeNull();

    const oa = await upsertWechatUser({ openid: "oa-1", unionid: "union-1" }, "wx-oa");
    expect(oa.id).toBe(web.id);
    expect(oa.wxOpenid).toBe("qr-1"); // the legacy field keeps the first openid
    expect(await officialAccountOpenid(web.id)).toBe("oa-1");
    expect(await identitiesOf(web.id)).toEqual([
      { appid: "wx-oa", openid: "oa-1" },
      { appid: "wx-web", openid: "qr-1" },
    ]);

    // Without a shared unionid, another app's openid is another person.
    const stranger = await upsertWechatUser({ openid: "oa-2" }, "wx-oa");
    expect(stranger.id).not.toBe(web.id);
    // Signing in again finds the user by identity.
    expect((await upsertWechatUser({ openid: "oa-1" }, "wx-oa")).id).toBe(web.id);
  });

  it("finds a legacy user by wx_openid and records the identity; a dev sign-in records none", async () => {
    const { user } = await createUser({ wxOpenid: "legacy-oa-openid" });
    expect((await upsertWechatUser({ openid: "legacy-oa-openid" }, "wx-oa")).id).toBe(user.id);
    expect(await officialAccountOpenid(user.id)).toBe("legacy-oa-openid");
    const dev = await upsertWechatUser({ openid: "dev:小明", nickname: "小明" }, null);
    expect(await identitiesOf(dev.id)).toEqual([]);
  });
});

describe("legacy openid backfill", () => {
  it("records staged openids under the Official Account, except QR-ambiguous ones", async () => {
    const { user: oaUser } = await createUser({ wxOpenid: "staged-oa" });
    const { user: unionUser } = await createUser({ wxOpenid: "staged-union", wxUnionid: "u-9" });
    await writeTransaction(async (tx) => {
      await tx.run(sql`INSERT INTO wechat_identity_backfill (user_id, openid, unionid)
        VALUES (${oaUser.id}, 'staged-oa', NULL), (${unionUser.id}, 'staged-union', 'u-9')`);
    });
    expect(await applyIdentityBackfill()).toBe(1);
    expect(await officialAccountOpenid(oaUser.id)).toBe("staged-oa");
    // With the website QR login configured, an openid with a unionid may be the QR app's.
    expect(await officialAccountOpenid(unionUser.id)).toBeNull();
    expect(await db().all(sql`SELECT * FROM wechat_identity_backfill`)).toEqual([]);
    expect(await applyIdentityBackfill()).toBe(0);
    const user = await db().select().from(users).where(eq(users.id, oaUser.id)).get();
    expect(user?.wxOpenid).toBe("staged-oa");
  });
});
