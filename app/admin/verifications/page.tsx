import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { VerificationReview } from "@/components/admin/verification-review";
import { PageShell } from "@/components/ui/page-shell";
import { requirePageUser } from "@/lib/auth/next-auth";

export const metadata: Metadata = { title: "认证审核" };

export default async function AdminVerificationsPage() {
  const user = await requirePageUser("/admin/verifications");
  if (user.role !== "admin") forbidden();
  return (
    <PageShell title="认证审核" back="/me" nav={false}>
      <VerificationReview />
    </PageShell>
  );
}
