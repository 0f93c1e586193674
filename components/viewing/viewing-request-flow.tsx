"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { OpenInBrowserGuide } from "@/components/viewing/open-in-browser-guide";
import { officialAccountAuthorizeUrl, requestWechatPayment } from "@/components/viewing/wechat-pay";
import { ApiRequestError, api, errorText } from "@/lib/swr/fetcher";
import { SLOT_TEXT, SLOTS, type Slot } from "@/lib/viewings/states";
import { isWechatBrowser } from "@/lib/wechat/user-agent";

type Step =
  | { kind: "idle" }
  | { kind: "working" }
  | { kind: "guide"; paymentUrl: string; requestId: number }
  | { kind: "redirecting" }
  | { kind: "wechat-paying" }
  | { kind: "paid"; requestId: number }
  | { kind: "error"; message: string };

/**
 * Creates (or reuses) the viewing request and pays it. Inside WeChat: 微信支付 first (JSAPI
 * through WeixinJSBridge, then /pay/return waits for the notify), with Alipay's open-in-browser
 * guide as the second choice. Elsewhere: the Alipay payment URL.
 */
export function ViewingRequestFlow({
  houseId,
  ownerId,
  feeYuan,
  inWechat: inWechatOnServer,
  wechatPay,
  verifiedTel: verifiedOnServer,
}: {
  houseId: number;
  ownerId: number;
  feeYuan: string;
  inWechat: boolean;
  /** WeChat Pay is configured (always in sandbox mode). */
  wechatPay: boolean;
  /** The tenant's verified mobile number, if any. */
  verifiedTel: string | null;
}) {
  const [step, setStep] = useState<Step>({ kind: "idle" });
  const [verifiedTel, setVerifiedTel] = useState(verifiedOnServer);
  const [tel, setTel] = useState("");
  const [code, setCode] = useState("");
  const [codeSent, setCodeSent] = useState(false);
  const [consent, setConsent] = useState(false);
  const [date, setDate] = useState("");
  const [slot, setSlot] = useState<Slot>("afternoon");
  const [message, setMessage] = useState("");
  const [creditConsent, setCreditConsent] = useState(false);
  const router = useRouter();
  const inWechat =
    inWechatOnServer || (typeof navigator !== "undefined" && isWechatBrowser(navigator.userAgent));

  async function sendCode() {
    try {
      await api("/api/sms/send_code", { form: { tel, purpose: "viewing" } });
      setCodeSent(true);
    } catch (error) {
      setStep({ kind: "error", message: errorText(error) });
    }
  }

  async function createRequest(): Promise<number> {
    const id = await api("/api/order/create_preorder", {
      form: {
        owner_id: ownerId,
        house_id: houseId,
        consent: 1,
        credit_consent: creditConsent ? 1 : 0,
        ...(verifiedTel ? {} : { tel, tel_code: code }),
        ...(date ? { preferred_date: date, preferred_slot: slot } : {}),
        ...(message.trim() ? { message: message.trim() } : {}),
      },
    });
    if (!verifiedTel) setVerifiedTel(tel);
    return id;
  }

  function failed(requestId: number | null, error: unknown) {
    // Status 8: this request was paid already (e.g. in another browser).
    if (requestId && error instanceof ApiRequestError && error.status === 8) {
      setStep({ kind: "paid", requestId });
    } else {
      setStep({ kind: "error", message: errorText(error) });
    }
  }

  async function payWithWechat() {
    setStep({ kind: "working" });
    let requestId: number | null = null;
    try {
      requestId = await createRequest();
      const params = await api("/api/order/get_preorder_wxpay_params", {
        form: { pre_order_id: requestId },
      });
      setStep({ kind: "wechat-paying" });
      const result = await requestWechatPayment(params);
      if (result === "ok") router.push(`/pay/return?pre_order_id=${requestId}`);
      else
        setStep({
          kind: "error",
          message:
            result === "cancel"
              ? "已取消支付，可以重新支付。"
              : "微信支付未完成，请重试或改用支付宝。",
        });
    } catch (error) {
      const reason = (error as ApiRequestError).ans as { reason?: string } | null;
      if (error instanceof ApiRequestError && reason?.reason === "oa_openid_required") {
        // One silent authorization under the Official Account, then back to this page.
        setStep({ kind: "redirecting" });
        window.location.assign(
          officialAccountAuthorizeUrl(`${window.location.pathname}${window.location.search}`),
        );
        return;
      }
      failed(requestId, error);
    }
  }

  async function start() {
    setStep({ kind: "working" });
    let requestId: number | null = null;
    try {
      requestId = await createRequest();
      const returnUrl = `${window.location.origin}/pay/return?pre_order_id=${requestId}`;
      const { payment_url: paymentUrl } = await api("/api/order/get_preorder_paymenturl", {
        form: { pre_order_id: requestId, return_url: returnUrl },
      });
      if (inWechat) {
        setStep({ kind: "guide", paymentUrl, requestId });
      } else {
        setStep({ kind: "redirecting" });
        window.location.assign(paymentUrl);
      }
    } catch (error) {
      failed(requestId, error);
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
  const busy =
    step.kind === "working" || step.kind === "redirecting" || step.kind === "wechat-paying";
  const alipayLabel =
    step.kind === "redirecting"
      ? "正在前往支付宝…"
      : step.kind === "working"
        ? "正在提交…"
        : `提交申请并支付 ¥${feeYuan}`;
  // Inside WeChat with WeChat Pay configured, 微信支付 comes first and Alipay (which WeChat
  // blocks, hence the guide) second; elsewhere Alipay is the one choice.
  const wechatFirst = inWechat && wechatPay;
  const ready =
    consent && (verifiedTel !== null || (/^1\d{10}$/.test(tel) && /^\d{6}$/.test(code)));
  const field = "rounded border border-stone-300 px-2 py-2 text-sm";
  return (
    <div className="space-y-3">
      <section className="space-y-3 rounded-lg bg-white p-4 text-sm shadow-sm">
        {verifiedTel ? (
          <p>
            房东将通过你已验证的手机号 <span className="font-medium">{verifiedTel}</span> 联系你。
          </p>
        ) : (
          <div className="space-y-2">
            <p className="text-stone-700">请验证手机号，付费后房东通过它联系你。</p>
            <div className="flex gap-2">
              <input
                aria-label="手机号"
                inputMode="numeric"
                className={`${field} min-w-0 flex-1`}
                value={tel}
                onChange={(event) => setTel(event.target.value.trim())}
                placeholder="11 位手机号"
              />
              <button
                type="button"
                onClick={sendCode}
                disabled={!/^1\d{10}$/.test(tel)}
                className="shrink-0 rounded-full border border-stone-300 px-3 text-sm disabled:opacity-60"
              >
                {codeSent ? "重新发送" : "发送验证码"}
              </button>
            </div>
            <input
              aria-label="验证码"
              inputMode="numeric"
              className={`${field} w-full`}
              value={code}
              onChange={(event) => setCode(event.target.value.trim())}
              placeholder="6 位验证码"
            />
          </div>
        )}
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-stone-700">期望看房时间（可选）</span>
          <input
            aria-label="期望日期"
            type="date"
            className={field}
            value={date}
            onChange={(event) => setDate(event.target.value)}
          />
          <select
            aria-label="期望时段"
            className={field}
            value={slot}
            onChange={(event) => setSlot(event.target.value as Slot)}
          >
            {SLOTS.map((each) => (
              <option key={each} value={each}>
                {SLOT_TEXT[each]}
              </option>
            ))}
          </select>
        </div>
        <textarea
          aria-label="给房东留言"
          className={`${field} w-full`}
          maxLength={200}
          placeholder="给房东留言（可选）"
          value={message}
          onChange={(event) => setMessage(event.target.value)}
        />
        <label className="flex min-h-11 items-start gap-2">
          <input
            type="checkbox"
            className="mt-1 h-4 w-4"
            checked={consent}
            onChange={(event) => setConsent(event.target.checked)}
          />
          <span>我同意将我的手机号提供给该房源的房东，仅用于联系看房。</span>
        </label>
      </section>
      {step.kind === "error" && (
        <p role="alert" className="rounded bg-red-50 p-3 text-sm text-red-700">
          {step.message}
        </p>
      )}
      <label className="flex min-h-11 items-start gap-2 text-sm text-stone-700">
        <input
          type="checkbox"
          className="mt-1 h-4 w-4"
          checked={creditConsent}
          onChange={(event) => setCreditConsent(event.target.checked)}
        />
        <span>
          向房东展示我的芝麻分区间（如 650+，不展示具体分数；需已在「支付宝」页绑定并获取芝麻分）
        </span>
      </label>
      {wechatFirst && (
        <button
          type="button"
          onClick={payWithWechat}
          disabled={busy || !ready}
          className="w-full rounded-full bg-wechat py-3 text-base font-medium text-white shadow disabled:opacity-60"
        >
          {step.kind === "wechat-paying"
            ? "正在微信支付…"
            : step.kind === "working"
              ? "正在提交…"
              : `微信支付 ¥${feeYuan}`}
        </button>
      )}
      <button
        type="button"
        onClick={start}
        disabled={busy || !ready}
        className={
          wechatFirst
            ? "w-full rounded-full border border-stone-300 py-3 text-sm text-stone-700 disabled:opacity-60"
            : "w-full rounded-full bg-brand py-3 text-base font-medium text-white shadow active:bg-brand-dark disabled:opacity-60"
        }
      >
        {wechatFirst ? "用支付宝支付（需在手机浏览器中打开）" : alipayLabel}
      </button>
    </div>
  );
}
