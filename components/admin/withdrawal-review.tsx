"use client";

import { useState } from "react";
import { ReasonField, useDecision } from "@/components/admin/decision";
import { WITHDRAWAL_STATUS, yuan } from "@/components/earnings/wallet";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/field";
import { Card, LoadingBlock } from "@/components/ui/page-shell";
import { chinaDateTime } from "@/lib/china-time";
import { api, errorText } from "@/lib/swr/fetcher";
import { type AdminWithdrawal, useAdminWithdrawals } from "@/lib/swr/hooks";

const FILTERS = ["awaiting_approval", "queued", "sending", "paid", "failed", "rejected"] as const;

export function WithdrawalReview() {
  const [status, setStatus] = useState<(typeof FILTERS)[number]>("awaiting_approval");
  const { data, error, isLoading, mutate } = useAdminWithdrawals(status);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap gap-2">
        {FILTERS.map((filter) => (
          <Button
            key={filter}
            variant={filter === status ? "primary" : "secondary"}
            onClick={() => setStatus(filter)}
          >
            {WITHDRAWAL_STATUS[filter]?.label}
          </Button>
        ))}
      </div>
      {isLoading && <LoadingBlock />}
      {error && <Notice>{errorText(error)}</Notice>}
      {data && data.withdrawals.length === 0 && <Notice tone="info">没有这类提现。</Notice>}
      {data?.withdrawals.map((item) => (
        <WithdrawalCard key={item.id} item={item} onDecided={() => mutate()} />
      ))}
    </div>
  );
}

function WithdrawalCard({
  item,
  onDecided,
}: {
  item: AdminWithdrawal;
  onDecided: () => Promise<unknown>;
}) {
  const decision = useDecision(
    (choice: "approve" | "reject", reason) =>
      api("/api/admin/withdrawal_decide", {
        form: { id: item.id, decision: choice, ...(reason ? { reason } : {}) },
      }),
    onDecided,
  );
  const busy = decision.pending;

  return (
    <Card className="space-y-2">
      <p className="font-semibold">
        {yuan(item.amount_cents)} · 用户 {item.user_id} · {item.payee_name}
      </p>
      <p className="text-xs text-stone-500">
        支付宝 {item.payee_account_masked} · 本月累计 {yuan(item.month_total_cents)} · 申请于{" "}
        {chinaDateTime(item.requested_at)}
      </p>
      {item.reason && <p className="text-xs text-red-600">原因：{item.reason}</p>}
      {decision.failure && !decision.reasonError ? <Notice>{decision.failure}</Notice> : null}
      {item.status === "awaiting_approval" && (
        <>
          <ReasonField id={`reason-${item.id}`} label="拒绝原因（可选）" decision={decision} />
          <div className="flex gap-2">
            <Button busy={busy} onClick={() => decision.run("approve")}>
              批准打款
            </Button>
            <Button variant="secondary" busy={busy} onClick={() => decision.run("reject")}>
              拒绝
            </Button>
          </div>
        </>
      )}
    </Card>
  );
}
