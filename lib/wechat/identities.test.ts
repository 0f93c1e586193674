import { describe, expect, it, vi } from "vitest";
import { wechatIdentities } from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { officialAccountOpenid } from "@/lib/wechat/identities";
import { createUser } from "@/tests/helpers";

vi.hoisted(() => {
  process.env.WECHAT_APP_ID = "wx-oa";
});

describe("officialAccountOpenid", () => {
  it("answers the openid under WECHAT_APP_ID only, never another app's", async () => {
    const { user } = await createUser();
    await writeTransaction((tx) =>
      tx
        .insert(wechatIdentities)
        .values({ userId: user.id, appid: "wx-web", openid: "web-openid" })
        .run(),
    );
    expect(officialAccountOpenid(user.id)).toBeNull();
    await writeTransaction((tx) =>
      tx
        .insert(wechatIdentities)
        .values({ userId: user.id, appid: "wx-oa", openid: "oa-openid" })
        .run(),
    );
    expect(officialAccountOpenid(user.id)).toBe("oa-openid");
  });
});
