import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { findTradeByTicket } from "@/lib/alipay/sandbox/cashier";
import { isSandbox } from "@/lib/env";

export const metadata: Metadata = { title: "支付宝沙箱收银台", robots: { index: false } };

type Props = { searchParams: Promise<{ ticket?: string | string[] }> };

// The sandbox cashier that alipay.trade.wap.pay opens. A plain form: works without JavaScript.
export default async function SandboxCheckoutPage({ searchParams }: Props) {
  if (!isSandbox()) notFound();
  const { ticket } = await searchParams;
  const trade = typeof ticket === "string" ? await findTradeByTicket(ticket) : undefined;
  if (!trade) notFound();

  return (
    <main className="mx-auto max-w-md p-4">
      <p className="rounded bg-sky-100 px-3 py-1 text-center text-xs font-medium text-sky-900">
        支付宝沙箱 · 模拟收银台，不会扣款
      </p>
      <section className="mt-4 rounded-lg bg-white p-5 shadow-sm">
        <h1 className="text-center text-sm text-stone-500">{trade.subject}</h1>
        <p className="mt-2 text-center text-3xl font-semibold">¥{trade.totalAmount}</p>
        <dl className="mt-4 space-y-1 text-xs text-stone-500">
          <div className="flex justify-between">
            <dt>商户订单号</dt>
            <dd className="font-mono">{trade.outTradeNo}</dd>
          </div>
          <div className="flex justify-between">
            <dt>应用 AppID</dt>
            <dd className="font-mono">{trade.appId}</dd>
          </div>
        </dl>
        {trade.status === "WAIT_BUYER_PAY" ? (
          <form action="/api/sandbox/alipay/checkout" method="post" className="mt-6 space-y-3">
            <input type="hidden" name="ticket" value={trade.ticket} />
            <button
              type="submit"
              name="action"
              value="pay"
              className="w-full rounded bg-sky-700 py-3 font-medium text-white"
            >
              确认付款
            </button>
            <button
              type="submit"
              name="action"
              value="cancel"
              className="w-full rounded border border-stone-300 py-3 text-stone-700"
            >
              取消
            </button>
          </form>
        ) : (
          <p className="mt-6 text-center text-sm text-stone-600">
            {trade.status === "TRADE_SUCCESS" ? "该订单已支付成功。" : "该交易已关闭。"}
          </p>
        )}
      </section>
    </main>
  );
}
