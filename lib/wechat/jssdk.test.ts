import { afterAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/wechat/jssdk_config/route";
import { jssdkSignature } from "@/lib/wechat/jssdk";
import { jsapiTicket } from "@/lib/wechat/platform-tokens";
import { STUB_APP_ID, STUB_APP_SECRET, startWechatStub } from "@/lib/wechat/test-stub";
import { call } from "@/tests/helpers";

const stub = await startWechatStub();
process.env.WECHAT_API_BASE = stub.url;
process.env.WECHAT_APP_ID = STUB_APP_ID;
process.env.WECHAT_APP_SECRET = STUB_APP_SECRET;
afterAll(() => stub.close());

describe("JS-SDK signature", () => {
  it("matches WeChat's documented example", () => {
    expect(
      jssdkSignature({
        ticket:
          "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg",
        nonceStr: "Wm3WZYTPz0wzccnW",
        timestamp: 1414587457,
        url: "http://mp.weixin.qq.com?params=value",
      }),
    ).toBe("0f9de62fce790f9a083d5c99e95740ceb90c27ed");
  });

  it("ignores the URL's fragment", () => {
    const input = { ticket: "t", nonceStr: "n", timestamp: 1, url: "http://localhost:3000/a?b=1" };
    expect(jssdkSignature({ ...input, url: `${input.url}#share` })).toBe(jssdkSignature(input));
  });
});

describe("/api/wechat/jssdk_config", () => {
  it("signs a page of ours with the stored ticket, on the /api and the legacy path", async () => {
    const url = "http://localhost:3000/houses/7?from=timeline#top";
    for (const legacy of [false, true]) {
      const { http, body } = await call(GET, {
        path: "/api/wechat/jssdk_config",
        query: { url },
        legacy,
      });
      expect(http).toBe(200);
      expect(body.status).toBe(0);
      const { appId, timestamp, nonceStr, signature } = body.ans;
      expect(appId).toBe(STUB_APP_ID);
      expect(Math.abs(timestamp - Date.now() / 1000)).toBeLessThan(60);
      const { ticket } = await jsapiTicket();
      expect(signature).toBe(jssdkSignature({ ticket, nonceStr, timestamp, url }));
    }
  });

  it("refuses URLs on other origins and non-URLs with status 2", async () => {
    for (const url of [
      "https://evil.example/houses/7",
      "http://localhost:3001/houses/7",
      "//localhost:3000/x",
      "not a url",
    ]) {
      const { http, body } = await call(GET, { path: "/api/wechat/jssdk_config", query: { url } });
      expect(http, url).toBe(400);
      expect(body.status).toBe(2);
      expect(body.ans.field).toBe("url");
    }
  });
});
