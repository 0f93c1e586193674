import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/wechat/jssdk_config/route";
import { jssdkSignature } from "@/lib/wechat/jssdk";
import { SANDBOX_JSAPI_TICKET, SANDBOX_JSSDK_APP_ID } from "@/lib/wechat/platform-tokens";
import { call } from "@/tests/helpers";

delete process.env.WECHAT_APP_ID;
delete process.env.WECHAT_APP_SECRET;

describe("JS-SDK configuration in sandbox mode without WeChat settings", () => {
  it("signs with the stand-in ticket, so the page code path runs", async () => {
    const url = "http://localhost:3000/houses/1";
    const { body } = await call(GET, { path: "/api/wechat/jssdk_config", query: { url } });
    expect(body.status).toBe(0);
    expect(body.ans.appId).toBe(SANDBOX_JSSDK_APP_ID);
    const { nonceStr, timestamp, signature } = body.ans;
    expect(signature).toBe(
      jssdkSignature({ ticket: SANDBOX_JSAPI_TICKET, nonceStr, timestamp, url }),
    );
  });
});
