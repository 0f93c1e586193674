"use client";

import { useState } from "react";
import { WITHDRAWAL_STATUS, yuan } from "@/components/earnings/wallet";
import { Button } from "@/components/ui/button";
import { Field, Notice, TextInput } from "@/components/ui/field";
import { Card, LoadingBlock } from "@/components/ui/page-shell";
import { chinaDateTime } from "@/lib/china-time";
import { useAction } from "@/lib/forms/use-action";
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
  const [reason, setReason] = useState("");
  const {
    run: decide,
    pending: busy,
    error: failure,
  } = useAction(async (decision: "approve" | "reject") => {
    await api("/api/admin/withdrawal_decide", {
      form: { id: item.id, decision, ...(reason.trim() ? { reason: reason.trim() } : {}) },
    });
    await onDecided();
  });

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
      {failure ? <Notice>{errorText(failure)}</Notice> : null}
      {item.status === "awaiting_approval" && (
        <>
          <Field label="拒绝原因（可选）" htmlFor={`reason-${item.id}`}>
            <TextInput
              id={`reason-${item.id}`}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          </Field>
          <div className="flex gap-2">
            <Button busy={busy} onClick={() => decide("approve")}>
              批准打款
            </Button>
            <Button variant="secondary" busy={busy} onClick={() => decide("reject")}>
              拒绝
            </Button>
          </div>
        </>
      )}
    </Card>
  );
}
