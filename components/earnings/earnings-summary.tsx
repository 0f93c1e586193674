import Link from "next/link";
import { Card } from "@/components/ui/page-shell";
import { centsToYuan } from "@/lib/payments/money";

/** Earnings at a glance (on /invite and 我的房源), with the way to /wallet. */
export function EarningsSummary({
  title,
  rule,
  pendingCents,
  settledCents,
  testId,
}: {
  title: string;
  rule: string;
  pendingCents: number;
  settledCents: number;
  testId: string;
}) {
  return (
    <Card className="space-y-2">
      <div className="flex items-center justify-between">
        <h2 className="text-sm font-semibold">{title}</h2>
        <Link href="/wallet" className="text-sm text-brand underline">
          我的收益
        </Link>
      </div>
      <p className="text-sm" data-testid={testId}>
        已结算 ¥{centsToYuan(settledCents)} · 待结算 ¥{centsToYuan(pendingCents)}
      </p>
      <p className="text-xs text-stone-500">{rule}</p>
    </Card>
  );
}
