"use client";

import { WITHDRAWAL_STATUS, yuan } from "@/components/earnings/wallet";
import { Notice } from "@/components/ui/field";
import { Card, LoadingBlock } from "@/components/ui/page-shell";
import { StatusBadge } from "@/components/ui/status-badge";
import { chinaDateTime } from "@/lib/china-time";
import { errorText } from "@/lib/swr/fetcher";
import { useWithdrawals } from "@/lib/swr/hooks";

export function WithdrawalList() {
  const { data, error, isLoading } = useWithdrawals();
  if (isLoading) return <LoadingBlock />;
  if (error || !data) return <Notice>{errorText(error)}</Notice>;
  if (data.withdrawals.length === 0) return <Notice tone="info">还没有提现记录。</Notice>;
  return (
    <div className="space-y-3" data-testid="withdrawal-list">
      {data.withdrawals.map((item) => {
        const status = WITHDRAWAL_STATUS[item.status];
        return (
          <Card key={item.id} className="space-y-1">
            <div className="flex items-center justify-between">
              <span className="font-semibold">{yuan(item.amount_cents)}</span>
              <StatusBadge tone={status?.tone}>{status?.label ?? item.status}</StatusBadge>
            </div>
            <p className="text-xs text-stone-500">
              支付宝 {item.payee_account_masked} · 申请于 {chinaDateTime(item.requested_at)}
            </p>
            {item.reason && <p className="text-xs text-red-600">原因：{item.reason}</p>}
          </Card>
        );
      })}
    </div>
  );
}
