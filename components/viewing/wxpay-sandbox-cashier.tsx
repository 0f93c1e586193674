"use client";

import { SANDBOX_CASHIER_MESSAGE } from "@/components/viewing/wxpay-sandbox-bridge";
import { useAction } from "@/lib/forms/use-action";

// The buttons of the sandbox WeChat Pay sheet: the server decides, then the result goes back to
// the page that opened the overlay, as the WeChat client hands err_msg to the page's callback.
export function WxpaySandboxCashierActions({ fields }: { fields: Record<string, string> }) {
  // On any failure the page still gets an answer ("fail"), as from the real client.
  const { run: submit, pending: busy } = useAction(async (action: "pay" | "cancel") => {
    let errMsg = "get_brand_wcpay_request:fail";
    try {
      const response = await fetch("/api/sandbox/wxpay/cashier", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ...fields, action }),
      });
      errMsg = ((await response.json()) as { err_msg?: string }).err_msg ?? errMsg;
    } finally {
      window.parent.postMessage(
        { source: SANDBOX_CASHIER_MESSAGE, err_msg: errMsg },
        window.location.origin,
      );
    }
  });
  return (
    <div className="mt-6 space-y-3">
      <button
        type="button"
        disabled={busy}
        onClick={() => submit("pay")}
        className="w-full rounded bg-wechat py-3 font-medium text-white disabled:opacity-60"
      >
        确认支付
      </button>
      <button
        type="button"
        disabled={busy}
        onClick={() => submit("cancel")}
        className="w-full rounded border border-stone-300 py-3 text-stone-700"
      >
        取消
      </button>
    </div>
  );
}
