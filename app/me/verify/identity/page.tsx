import type { Metadata } from "next";
import { IdentityVerification } from "@/components/landlord/identity-verification";
import { PageShell } from "@/components/ui/page-shell";
import { requirePageUser } from "@/lib/auth/next-auth";
import { DOCUMENT_RETENTION_DAYS } from "@/lib/verifications/retention";

export const metadata: Metadata = { title: "实名认证" };

export default async function IdentityPage() {
  await requirePageUser("/me/verify/identity");
  return (
    <PageShell title="实名认证" back="/me">
      <IdentityVerification retentionDays={DOCUMENT_RETENTION_DAYS} />
    </PageShell>
  );
}
