"use client";

import { ReasonField, useDecision } from "@/components/admin/decision";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/field";
import { Card, LoadingBlock } from "@/components/ui/page-shell";
import { RefundPhotos } from "@/components/viewing/refund-photos";
import { chinaDateTime } from "@/lib/china-time";
import { api, errorText } from "@/lib/swr/fetcher";
import { type AdminDispute, useAdminDisputes } from "@/lib/swr/hooks";

/** Contested refunds: refund, or reject with a reason; recent decisions below. */
export function DisputeQueue() {
  const { data, error, isLoading, mutate } = useAdminDisputes();
  if (isLoading) return <LoadingBlock />;
  if (error || !data) return <Notice>{errorText(error)}</Notice>;
  return (
    <div className="space-y-4">
      {data.open.length === 0 && <Notice tone="info">没有待处理的退款争议。</Notice>}
      {data.open.map((item) => (
        <DisputeCard key={item.pre_order_id} item={item} onDecided={() => mutate()} />
      ))}
      {data.decided.length > 0 && (
        <h2 className="text-sm font-semibold text-stone-500">最近的裁定</h2>
      )}
      {data.decided.map((item) => (
        <Card key={item.pre_order_id} className="text-sm">
          <p className="font-medium">
            #{item.pre_order_id} {item.house_title}
          </p>
          <p className="text-stone-600">
            {item.decision?.decision === "refund"
              ? "已裁定退款"
              : `已驳回：${item.decision?.reason}`}
            {item.decision &&
              ` · 管理员 ${item.decision.admin_id} · ${chinaDateTime(item.decision.at)}`}
          </p>
        </Card>
      ))}
    </div>
  );
}

function DisputeCard({
  item,
  onDecided,
}: {
  item: AdminDispute;
  onDecided: () => Promise<unknown>;
}) {
  const decision = useDecision(
    (choice: "refund" | "reject", reason) =>
      api("/api/admin/dispute_decide", {
        form: {
          pre_order_id: item.pre_order_id,
          decision: choice,
          ...(choice === "reject" ? { reason } : {}),
        },
      }),
    onDecided,
  );
  const busy = decision.pending;

  return (
    <Card className="space-y-2 text-sm" data-testid={`dispute-${item.pre_order_id}`}>
      <p className="font-medium">
        #{item.pre_order_id} {item.house_title}
      </p>
      <p className="text-stone-600">
        租客 {item.tenant_nickname || "未署名"} · 房东 {item.landlord_nickname || "未署名"}
      </p>
      <p>
        退款原因：{item.refund_reason_text}
        {item.refund_text && `（${item.refund_text}）`}
        {item.refund_requested_at && ` · ${chinaDateTime(item.refund_requested_at)}`}
      </p>
      <RefundPhotos urls={item.refund_photos} />
      <p>
        房东异议：{item.contest_reason}
        {item.contested_at && ` · ${chinaDateTime(item.contested_at)}`}
      </p>
      <ReasonField
        id={`reason-${item.pre_order_id}`}
        label="驳回理由（双方可见）"
        decision={decision}
        maxLength={500}
      />
      {decision.failure && !decision.reasonError ? <Notice>{decision.failure}</Notice> : null}
      <div className="flex justify-end gap-2">
        <Button variant="ghost" disabled={busy} onClick={() => decision.run("reject")}>
          驳回退款
        </Button>
        <Button disabled={busy} onClick={() => decision.run("refund")}>
          裁定退款
        </Button>
      </div>
    </Card>
  );
}
