"use client";

import { useEffect } from "react";

// Sandbox mode only: stands in for the WeChat client's WeixinJSBridge. getBrandWCPayRequest
// opens the sandbox cashier (/sandbox/wxpay/cashier) in an overlay; the cashier checks paySign,
// and on 确认支付 sends the signed, encrypted notify, then posts the err_msg back here.

export const SANDBOX_CASHIER_MESSAGE = "zhizu-wxpay-sandbox";

function openCashier(
  params: Record<string, string>,
  callback: (result: { err_msg: string }) => void,
) {
  const overlay = document.createElement("div");
  overlay.setAttribute("data-testid", "wxpay-sandbox-overlay");
  overlay.style.cssText =
    "position:fixed;inset:0;z-index:1000;background:rgba(0,0,0,.45);display:flex;align-items:flex-end";
  const frame = document.createElement("iframe");
  frame.title = "微信支付沙箱";
  frame.src = `/sandbox/wxpay/cashier?${new URLSearchParams(params)}`;
  frame.style.cssText =
    "width:100%;height:70%;border:0;border-radius:12px 12px 0 0;background:#fff";
  overlay.appendChild(frame);
  const onMessage = (event: MessageEvent) => {
    if (event.origin !== window.location.origin || event.source !== frame.contentWindow) return;
    const data = event.data as { source?: string; err_msg?: string };
    if (data?.source !== SANDBOX_CASHIER_MESSAGE || !data.err_msg) return;
    window.removeEventListener("message", onMessage);
    overlay.remove();
    callback({ err_msg: data.err_msg });
  };
  window.addEventListener("message", onMessage);
  document.body.appendChild(overlay);
}

export function WxpaySandboxBridge() {
  useEffect(() => {
    const target = window as unknown as { WeixinJSBridge?: unknown };
    if (target.WeixinJSBridge) return;
    target.WeixinJSBridge = {
      invoke(
        name: string,
        params: Record<string, string>,
        callback: (r: { err_msg: string }) => void,
      ) {
        if (name !== "getBrandWCPayRequest") {
          callback({ err_msg: `${name}:fail` });
          return;
        }
        openCashier(params, callback);
      },
    };
    document.dispatchEvent(new Event("WeixinJSBridgeReady"));
  }, []);
  return null;
}
