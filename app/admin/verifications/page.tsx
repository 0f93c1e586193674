import type { Metadata } from "next";
import { VerificationReview } from "@/components/admin/verification-review";
import { Notice } from "@/components/ui/field";
import { PageShell } from "@/components/ui/page-shell";
import { requirePageUser } from "@/lib/auth/next-auth";

export const metadata: Metadata = { title: "认证审核" };

export default async function AdminVerificationsPage() {
  const user = await requirePageUser("/admin/verifications");
  if (user.role !== "admin") {
    return (
      <PageShell title="无权访问" back="/me">
        <Notice>403 · 仅管理员可以查看认证审核。</Notice>
      </PageShell>
    );
  }
  return (
    <PageShell title="认证审核" back="/me" nav={false}>
      <VerificationReview />
    </PageShell>
  );
}
