import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { WxpaySandboxCashierActions } from "@/components/viewing/wxpay-sandbox-cashier";
import { isSandbox } from "@/lib/env";
import { centsToYuan } from "@/lib/payments/money";
import { checkBridgeRequest } from "@/lib/payments/wxpay/sandbox/cashier";

export const metadata: Metadata = { title: "微信支付沙箱", robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const FIELDS = ["appId", "timeStamp", "nonceStr", "package", "signType", "paySign"] as const;

// The sandbox stand-in for WeChat's payment sheet, opened in an overlay by the bridge shim.
export default async function SandboxWxpayCashierPage({ searchParams }: Props) {
  if (!isSandbox()) notFound();
  const query = await searchParams;
  const fields = Object.fromEntries(
    FIELDS.map((name) => [name, typeof query[name] === "string" ? (query[name] as string) : ""]),
  ) as Record<(typeof FIELDS)[number], string>;
  const check = await checkBridgeRequest(fields);

  return (
    <main className="mx-auto max-w-md p-4">
      <p className="rounded bg-emerald-100 px-3 py-1 text-center text-xs font-medium text-emerald-900">
        微信支付沙箱 · 模拟支付，不会扣款
      </p>
      <section className="mt-4 rounded-lg bg-white p-5">
        {check.ok ? (
          <>
            <h1 className="text-center text-sm text-stone-500">{check.trade.description}</h1>
            <p className="mt-2 text-center text-3xl font-semibold">
              ¥{centsToYuan(check.trade.totalFen)}
            </p>
            <p className="mt-2 text-center font-mono text-xs text-stone-400">
              {check.trade.outTradeNo}
            </p>
            {check.trade.tradeState === "NOTPAY" ? (
              <WxpaySandboxCashierActions fields={fields} />
            ) : (
              <p className="mt-6 text-center text-sm text-stone-600">该订单已支付或已关闭。</p>
            )}
          </>
        ) : (
          <>
            <p role="alert" className="text-center text-sm text-red-700">
              支付请求无效：{check.reason}
            </p>
            <WxpaySandboxCashierActions fields={fields} />
          </>
        )}
      </section>
    </main>
  );
}
