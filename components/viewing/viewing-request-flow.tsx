"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { type ReactNode, useRef, useState } from "react";
import { FormSummary, invalidProps } from "@/components/ui/field";
import { OpenInBrowserGuide } from "@/components/viewing/open-in-browser-guide";
import { SlotSelect } from "@/components/viewing/slot-select";
import { officialAccountAuthorizeUrl, requestWechatPayment } from "@/components/viewing/wechat-pay";
import { objectProblems } from "@/lib/forms/check";
import { useAction } from "@/lib/forms/use-action";
import { type FieldErrors, useForm } from "@/lib/forms/use-form";
import { isMobile } from "@/lib/phone/number";
import { ApiRequestError, api } from "@/lib/swr/fetcher";
import { createViewingParams } from "@/lib/viewings/fields";
import type { Slot } from "@/lib/viewings/states";
import { isWechatBrowser } from "@/lib/wechat/user-agent";

type Step =
  | { kind: "idle" }
  | { kind: "guide"; paymentUrl: string; requestId: number }
  | { kind: "redirecting" }
  | { kind: "wechat-paying" }
  | { kind: "paid"; requestId: number };

type Method = "wechat" | "alipay";

/** Ids are `viewing-<param>` so the form layer matches each error to its field. */
const fieldId = (name: string) => `viewing-${name}`;

/** The reason under a field, with the id its control's `aria-describedby` points at. */
function FieldError({
  name,
  form,
}: {
  name: string;
  form: { error: (name: string) => string | undefined };
}) {
  const message = form.error(name);
  if (!message) return null;
  return (
    <p id={`${fieldId(name)}-error`} role="alert" className="text-xs text-red-600">
      {message}
    </p>
  );
}

/**
 * Creates (or reuses) the viewing request and pays it. Inside WeChat: 微信支付 first (JSAPI
 * through WeixinJSBridge, then /pay/return waits for the notify), with Alipay's open-in-browser
 * guide as the second choice. Elsewhere: the Alipay payment URL. The form is checked in the
 * browser with the API's own rules (createViewingParams) before anything is sent; a failed
 * attempt scrolls to and focuses the field in error, with a summary at the pay button.
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
  const method = useRef<Method>("alipay");
  const router = useRouter();
  const inWechat =
    inWechatOnServer || (typeof navigator !== "undefined" && isWechatBrowser(navigator.userAgent));
  // Inside WeChat with WeChat Pay configured, 微信支付 comes first and Alipay (which WeChat
  // blocks, hence the guide) second; elsewhere Alipay is the one choice.
  const wechatFirst = inWechat && wechatPay;

  const sending = useAction(async () => {
    await api("/api/sms/send_code", { form: { tel, purpose: "viewing" } });
    setCodeSent(true);
  });

  const params = () => ({
    owner_id: ownerId,
    house_id: houseId,
    consent: 1,
    credit_consent: creditConsent ? 1 : 0,
    ...(verifiedTel ? {} : { tel, tel_code: code }),
    ...(date ? { preferred_date: date, preferred_slot: slot } : {}),
    ...(message.trim() ? { message: message.trim() } : {}),
  });

  function validate(): FieldErrors {
    const problems: FieldErrors = {};
    if (!verifiedTel) {
      if (!tel) problems.tel = "请填写手机号，付费后房东通过它联系你";
      if (!code) problems.tel_code = codeSent ? "请填写短信验证码" : "请先发送并填写验证码";
    }
    // The API takes consent as optional (other clients give it later); paying here needs it.
    if (!consent) problems.consent = "请勾选同意，房东才能联系你看房";
    return { ...objectProblems(createViewingParams, params()), ...problems };
  }

  async function createRequest(): Promise<number> {
    const id = await api("/api/order/create_preorder", { form: params() });
    if (!verifiedTel) setVerifiedTel(tel);
    return id;
  }

  /** Status 8: this request was paid already (e.g. in another browser). */
  function paidAlready(requestId: number | null, error: unknown): boolean {
    if (!(requestId && error instanceof ApiRequestError && error.status === 8)) return false;
    setStep({ kind: "paid", requestId });
    return true;
  }

  async function payWithWechat() {
    let requestId: number | null = null;
    try {
      requestId = await createRequest();
      const payParams = await api("/api/order/get_preorder_wxpay_params", {
        form: { pre_order_id: requestId },
      });
      setStep({ kind: "wechat-paying" });
      const result = await requestWechatPayment(payParams);
      if (result === "ok") {
        router.push(`/pay/return?pre_order_id=${requestId}`);
        return;
      }
      setStep({ kind: "idle" });
      throw new Error(
        result === "cancel" ? "已取消支付，可以重新支付。" : "微信支付未完成，请重试或改用支付宝。",
      );
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
      if (!paidAlready(requestId, error)) throw error;
    }
  }

  async function payWithAlipay() {
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
      if (!paidAlready(requestId, error)) throw error;
    }
  }

  const form = useForm({
    validate,
    submit: () => (method.current === "wechat" ? payWithWechat() : payWithAlipay()),
  });

  function pay(chosen: Method) {
    method.current = chosen;
    void form.run();
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
  const busy = form.pending || step.kind === "redirecting" || step.kind === "wechat-paying";
  const working = form.pending && step.kind === "idle";
  const alipayLabel =
    step.kind === "redirecting"
      ? "正在前往支付宝…"
      : working
        ? "正在提交…"
        : `提交申请并支付 ¥${feeYuan}`;
  const field =
    "rounded border border-stone-300 px-2 py-2 text-sm aria-[invalid=true]:border-red-400";
  const control = (name: string) => ({
    id: fieldId(name),
    ...invalidProps(fieldId(name), Boolean(form.error(name))),
  });
  const row = (children: ReactNode) => (
    <div data-field className="space-y-1">
      {children}
    </div>
  );
  const checkbox = (
    name: string,
    [checked, setChecked]: [boolean, (checked: boolean) => void],
    text: string,
    textClass?: string,
  ) =>
    row(
      <>
        <label className={`flex min-h-11 items-start gap-2${textClass ? ` ${textClass}` : ""}`}>
          <input
            type="checkbox"
            {...control(name)}
            className="mt-1 h-4 w-4"
            checked={checked}
            onChange={(event) => setChecked(event.target.checked)}
          />
          <span>{text}</span>
        </label>
        <FieldError name={name} form={form} />
      </>,
    );
  return (
    <form
      ref={form.formRef}
      onSubmit={(event) => {
        event.preventDefault();
        pay(wechatFirst ? "wechat" : "alipay");
      }}
      noValidate
      className="space-y-3"
    >
      <section className="space-y-3 rounded-lg bg-white p-4 text-sm shadow-sm">
        {verifiedTel ? (
          <p>
            房东将通过你已验证的手机号 <span className="font-medium">{verifiedTel}</span> 联系你。
          </p>
        ) : (
          <div className="space-y-2">
            <p className="text-stone-700">请验证手机号，付费后房东通过它联系你。</p>
            {row(
              <>
                <div className="flex gap-2">
                  <input
                    aria-label="手机号"
                    inputMode="numeric"
                    {...control("tel")}
                    className={`${field} min-w-0 flex-1`}
                    value={tel}
                    onChange={(event) => setTel(event.target.value.trim())}
                    placeholder="11 位手机号"
                  />
                  <button
                    type="button"
                    onClick={() => void sending.run()}
                    disabled={!isMobile(tel) || sending.pending}
                    className="shrink-0 rounded-full border border-stone-300 px-3 text-sm disabled:opacity-60"
                  >
                    {codeSent ? "重新发送" : "发送验证码"}
                  </button>
                </div>
                <FieldError name="tel" form={form} />
                {sending.failure && (
                  <p role="alert" className="text-xs text-red-600">
                    {sending.failure}
                  </p>
                )}
              </>,
            )}
            {row(
              <>
                <input
                  aria-label="验证码"
                  inputMode="numeric"
                  {...control("tel_code")}
                  className={`${field} w-full`}
                  value={code}
                  onChange={(event) => setCode(event.target.value.trim())}
                  placeholder="6 位验证码"
                />
                <FieldError name="tel_code" form={form} />
              </>,
            )}
          </div>
        )}
        {row(
          <>
            <div className="flex flex-wrap items-center gap-2">
              <span className="text-stone-700">期望看房时间（可选）</span>
              <input
                aria-label="期望日期"
                type="date"
                {...control("preferred_date")}
                className={field}
                value={date}
                onChange={(event) => setDate(event.target.value)}
              />
              <SlotSelect
                aria-label="期望时段"
                {...control("preferred_slot")}
                className={field}
                value={slot}
                onChange={setSlot}
              />
            </div>
            <FieldError name="preferred_date" form={form} />
            <FieldError name="preferred_slot" form={form} />
          </>,
        )}
        {row(
          <>
            <textarea
              aria-label="给房东留言"
              {...control("message")}
              className={`${field} w-full`}
              maxLength={200}
              placeholder="给房东留言（可选）"
              value={message}
              onChange={(event) => setMessage(event.target.value)}
            />
            <FieldError name="message" form={form} />
          </>,
        )}
        {checkbox(
          "consent",
          [consent, setConsent],
          "我同意将我的手机号提供给该房源的房东，仅用于联系看房。",
        )}
      </section>
      {checkbox(
        "credit_consent",
        [creditConsent, setCreditConsent],
        "向房东展示我的芝麻分区间（如 650+，不展示具体分数；需已在「支付宝」页绑定并获取芝麻分）",
        "text-sm text-stone-700",
      )}
      <FormSummary form={form} />
      {wechatFirst && (
        <button
          type="button"
          onClick={() => pay("wechat")}
          disabled={busy}
          className="w-full rounded-full bg-wechat py-3 text-base font-medium text-white shadow disabled:opacity-60"
        >
          {step.kind === "wechat-paying"
            ? "正在微信支付…"
            : working
              ? "正在提交…"
              : `微信支付 ¥${feeYuan}`}
        </button>
      )}
      <button
        type="button"
        onClick={() => pay("alipay")}
        disabled={busy}
        className={
          wechatFirst
            ? "w-full rounded-full border border-stone-300 py-3 text-sm text-stone-700 disabled:opacity-60"
            : "w-full rounded-full bg-brand py-3 text-base font-medium text-white shadow active:bg-brand-dark disabled:opacity-60"
        }
      >
        {wechatFirst ? "用支付宝支付（需在手机浏览器中打开）" : alipayLabel}
      </button>
    </form>
  );
}
