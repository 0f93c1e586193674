import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { DisputeQueue } from "@/components/admin/dispute-queue";
import { PageShell } from "@/components/ui/page-shell";
import { requirePageUser } from "@/lib/auth/next-auth";

export const metadata: Metadata = { title: "退款争议" };

export default async function AdminDisputesPage() {
  const user = await requirePageUser("/admin/disputes");
  if (user.role !== "admin") forbidden();
  return (
    <PageShell title="退款争议" back="/me" nav={false}>
      <DisputeQueue />
    </PageShell>
  );
}
