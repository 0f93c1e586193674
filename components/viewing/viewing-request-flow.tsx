"use client";

import Link from "next/link";
import { useState } from "react";
import { OpenInBrowserGuide } from "@/components/viewing/open-in-browser-guide";
import { isWechatUserAgent } from "@/components/viewing/wechat";
import { ApiRequestError, api, errorText } from "@/lib/swr/fetcher";

type Step =
  | { kind: "idle" }
  | { kind: "working" }
  | { kind: "guide"; paymentUrl: string; requestId: number }
  | { kind: "redirecting" }
  | { kind: "paid"; requestId: number }
  | { kind: "error"; message: string };

/**
 * Creates (or reuses) the viewing request, gets its Alipay payment URL and goes there, except
 * inside WeChat, where the open-in-browser guide is shown instead.
 */
export function ViewingRequestFlow({
  houseId,
  ownerId,
  feeYuan,
  inWechat: inWechatOnServer,
}: {
  houseId: number;
  ownerId: number;
  feeYuan: string;
  inWechat: boolean;
}) {
  const [step, setStep] = useState<Step>({ kind: "idle" });

  async function start() {
    setStep({ kind: "working" });
    let requestId: number | null = null;
    try {
      requestId = await api("/api/order/create_preorder", {
        form: { owner_id: ownerId, house_id: houseId },
      });
      const returnUrl = `${window.location.origin}/pay/return?pre_order_id=${requestId}`;
      const { payment_url: paymentUrl } = await api("/api/order/get_preorder_paymenturl", {
        form: { pre_order_id: requestId, return_url: returnUrl },
      });
      if (inWechatOnServer || isWechatUserAgent(navigator.userAgent)) {
        setStep({ kind: "guide", paymentUrl, requestId });
      } else {
        setStep({ kind: "redirecting" });
        window.location.assign(paymentUrl);
      }
    } catch (error) {
      // Status 8: this request was paid already (e.g. in another browser).
      if (requestId && error instanceof ApiRequestError && error.status === 8) {
        setStep({ kind: "paid", requestId });
      } else {
        setStep({ kind: "error", message: errorText(error) });
      }
    }
  }

  if (step.kind === "guide") {
    return (
      <OpenInBrowserGuide url={step.paymentUrl} purpose="完成支付">
        <p className="mt-3 border-t border-amber-200 pt-3">
          在浏览器付款后回到微信，
          <Link
            href={`/pay/return?pre_order_id=${step.requestId}`}
            className="font-medium underline"
          >
            查看支付结果
          </Link>
          。
        </p>
      </OpenInBrowserGuide>
    );
  }
  if (step.kind === "paid") {
    return (
      <p className="rounded-lg bg-emerald-50 p-4 text-sm text-emerald-800" role="status">
        这个看房申请已经支付过了。
        <Link href={`/pay/return?pre_order_id=${step.requestId}`} className="ml-1 underline">
          查看房东联系方式
        </Link>
      </p>
    );
  }
  const busy = step.kind === "working" || step.kind === "redirecting";
  return (
    <div className="space-y-3">
      {step.kind === "error" && (
        <p role="alert" className="rounded bg-red-50 p-3 text-sm text-red-700">
          {step.message}
        </p>
      )}
      <button
        type="button"
        onClick={start}
        disabled={busy}
        className="w-full rounded-full bg-brand py-3 text-base font-medium text-white shadow active:bg-brand-dark disabled:opacity-60"
      >
        {step.kind === "redirecting"
          ? "正在前往支付宝…"
          : step.kind === "working"
            ? "正在提交…"
            : `提交申请并支付 ¥${feeYuan}`}
      </button>
    </div>
  );
}
