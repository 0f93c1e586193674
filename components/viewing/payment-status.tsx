"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { ContactCard } from "@/components/viewing/contact-card";
import { isPaid } from "@/components/viewing/types";
import { ApiRequestError, errorText } from "@/lib/swr/fetcher";
import { useViewingRequest } from "@/lib/swr/hooks";

const POLL_MS = 2000;
/** After this long a pending payment gets a hint instead of an endless spinner. */
const SLOW_MS = 60_000;

/**
 * Alipay sends the browser back before (or without) the server-side notify, so this page only
 * trusts our own record: it polls until the notify has marked the request paid.
 */
export function PaymentStatus({ requestId }: { requestId: number }) {
  const { data, error } = useViewingRequest(requestId, {
    refreshInterval: (latest) => (latest && isPaid(latest.status) ? 0 : POLL_MS),
    shouldRetryOnError: (failure) => !(failure instanceof ApiRequestError && failure.status === 4),
  });
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setSlow(true), SLOW_MS);
    return () => clearTimeout(timer);
  }, []);

  if (error instanceof ApiRequestError && error.status === 4) {
    const back = `/pay/return?pre_order_id=${requestId}`;
    return (
      <section className="rounded-lg bg-white p-4 text-sm shadow-sm">
        <p>
          登录后即可查看支付结果。如果你是在微信里发起的申请，也可以回到微信，在「我的看房」中查看。
        </p>
        <Link
          href={`/login?callbackUrl=${encodeURIComponent(back)}`}
          className="mt-3 inline-flex min-h-11 items-center rounded-full bg-brand px-4 text-white"
        >
          登录查看
        </Link>
      </section>
    );
  }
  if (error && !data) {
    return (
      <p role="alert" className="rounded bg-red-50 p-3 text-sm text-red-700">
        {errorText(error)}
      </p>
    );
  }
  if (!data || !isPaid(data.status)) {
    return (
      <section className="rounded-lg bg-white p-6 text-center shadow-sm" aria-live="polite">
        <div
          aria-hidden
          className="mx-auto h-10 w-10 animate-spin rounded-full border-4 border-stone-200 border-t-brand"
        />
        <h2 className="mt-4 text-lg font-semibold">确认中</h2>
        <p className="mt-1 text-sm text-stone-500">正在等待支付宝的付款通知，请稍候…</p>
        {slow && data && (
          <p className="mt-3 text-sm text-stone-600">
            还没有收到付款结果。如果你已付款，通常一两分钟内会确认；如果没有付款，可以
            <Link
              href={`/houses/${data.listing.house_id}/viewing`}
              className="text-brand underline"
            >
              重新支付
            </Link>
            。
          </p>
        )}
      </section>
    );
  }
  return (
    <section className="space-y-4 rounded-lg bg-white p-6 shadow-sm">
      <div className="text-center">
        <div
          aria-hidden
          className="mx-auto flex h-12 w-12 items-center justify-center rounded-full bg-emerald-500 text-2xl text-white"
        >
          ✓
        </div>
        <h2 className="mt-3 text-lg font-semibold">支付成功</h2>
        <p className="mt-1 text-sm text-stone-500">
          {data.listing.title} · 状态：{data.status_text}
        </p>
      </div>
      {data.contact && (
        <ContactCard
          title={data.role === "tenant" ? "房东联系方式" : "看房人联系方式"}
          contact={data.contact}
        />
      )}
      <p className="text-sm text-stone-600">请联系房东约定看房时间。</p>
      <Link
        href="/viewings"
        className="flex min-h-11 items-center justify-center rounded-full bg-brand font-medium text-white"
      >
        查看我的看房
      </Link>
    </section>
  );
}
