import type { Metadata } from "next";
import { WithdrawalList } from "@/components/earnings/withdrawal-list";
import { PageShell } from "@/components/ui/page-shell";
import { requirePageUser } from "@/lib/auth/next-auth";

export const metadata: Metadata = { title: "提现记录" };

export default async function WithdrawalsPage() {
  await requirePageUser("/wallet/withdrawals");
  return (
    <PageShell title="提现记录" back="/wallet">
      <WithdrawalList />
    </PageShell>
  );
}
