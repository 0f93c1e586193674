import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { WithdrawalReview } from "@/components/admin/withdrawal-review";
import { PageShell } from "@/components/ui/page-shell";
import { requirePageUser } from "@/lib/auth/next-auth";

export const metadata: Metadata = { title: "提现审核" };

export default async function AdminWithdrawalsPage() {
  const user = await requirePageUser("/admin/withdrawals");
  if (user.role !== "admin") forbidden();
  return (
    <PageShell title="提现审核" back="/me" nav={false}>
      <WithdrawalReview />
    </PageShell>
  );
}
