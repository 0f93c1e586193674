import type { Metadata } from "next";
import { PageShell } from "@/components/ui/page-shell";
import { PaymentStatus } from "@/components/viewing/payment-status";

export const metadata: Metadata = { title: "支付结果" };

type Props = { searchParams: Promise<{ pre_order_id?: string | string[] }> };

// Alipay's return_url: it also appends out_trade_no, sign and friends, which are ignored here;
// only the notify (server to server) decides whether the request is paid.
export default async function PaymentReturnPage({ searchParams }: Props) {
  const raw = (await searchParams).pre_order_id;
  const id = typeof raw === "string" && /^[1-9]\d{0,11}$/.test(raw) ? Number(raw) : null;
  return (
    <PageShell title="支付结果">
      {id ? (
        <PaymentStatus requestId={id} />
      ) : (
        <p role="alert" className="rounded bg-red-50 p-3 text-sm text-red-700">
          链接缺少看房申请编号，请到「我的看房」查看支付结果。
        </p>
      )}
    </PageShell>
  );
}
