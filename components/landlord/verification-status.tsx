import { Notice } from "@/components/ui/field";
import { StatusBadge, VERIFICATION_STATUS } from "@/components/ui/status-badge";

/** Current state of one submission, with the reviewer's reason when it was rejected. */
export function VerificationState({
  status,
  reason,
  children,
}: {
  status: string;
  reason?: string;
  children?: React.ReactNode;
}) {
  const badge = VERIFICATION_STATUS[status] ?? VERIFICATION_STATUS.none;
  return (
    <div className="space-y-2" data-testid="verification-state">
      <div className="flex items-center justify-between gap-2">
        <div className="min-w-0 text-sm text-stone-700">{children}</div>
        {badge && <StatusBadge tone={badge.tone}>{badge.label}</StatusBadge>}
      </div>
      {status === "pending" && (
        <p className="text-xs text-stone-500">已提交，审核通常在 1 个工作日内完成。</p>
      )}
      {status === "rejected" && (
        <Notice>未通过原因：{reason || "未说明"}。请按原因修改后重新提交。</Notice>
      )}
    </div>
  );
}
