import type { Metadata } from "next";
import { Wallet } from "@/components/earnings/wallet";
import { PageShell } from "@/components/ui/page-shell";
import { requirePageUser } from "@/lib/auth/next-auth";

export const metadata: Metadata = { title: "我的收益" };

export default async function WalletPage() {
  await requirePageUser("/wallet");
  return (
    <PageShell title="我的收益" back="/me">
      <Wallet />
    </PageShell>
  );
}
