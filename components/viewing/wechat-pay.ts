// WeChat Pay JSAPI in the browser: WeixinJSBridge exists only inside WeChat (or, in sandbox mode,
// as the shim of wxpay-sandbox-bridge.tsx) and may appear after the page has loaded, announced
// by the WeixinJSBridgeReady event. The result proves nothing: only the notify marks a request
// paid, so callers go on to /pay/return whatever "ok" says.

import type { AnswerOf } from "@/lib/swr/fetcher";

/** What /api/order/get_preorder_wxpay_params answers: getBrandWCPayRequest's parameters. */
export type WechatPayParams = AnswerOf<"/api/order/get_preorder_wxpay_params">;

export type WechatPayResult = "ok" | "cancel" | "fail";

interface Bridge {
  invoke(name: string, params: unknown, callback: (result: { err_msg?: string }) => void): void;
}

function bridge(): Bridge | undefined {
  return (window as unknown as { WeixinJSBridge?: Bridge }).WeixinJSBridge;
}

function whenBridgeReady(timeoutMs: number): Promise<Bridge | undefined> {
  const ready = bridge();
  if (ready) return Promise.resolve(ready);
  return new Promise((resolve) => {
    const done = () => resolve(bridge());
    document.addEventListener("WeixinJSBridgeReady", done, { once: true });
    setTimeout(done, timeoutMs);
  });
}

export async function requestWechatPayment(params: WechatPayParams): Promise<WechatPayResult> {
  const ready = await whenBridgeReady(5_000);
  if (!ready) return "fail";
  return new Promise((resolve) => {
    ready.invoke("getBrandWCPayRequest", params, (result) => {
      const message = result.err_msg ?? "";
      resolve(message.endsWith(":ok") ? "ok" : message.endsWith(":cancel") ? "cancel" : "fail");
    });
  });
}

/** Where a user without an Official Account openid gets one (silent authorization). */
export function officialAccountAuthorizeUrl(currentPath: string): string {
  return `/api/wechat/oa_openid?return_to=${encodeURIComponent(currentPath)}`;
}
