import type { Metadata } from "next";
import { PropertyVerification } from "@/components/landlord/property-verification";
import { PageShell } from "@/components/ui/page-shell";
import { requirePageUser } from "@/lib/auth/next-auth";
import { DOCUMENT_RETENTION_DAYS } from "@/lib/verifications/retention";

export const metadata: Metadata = { title: "房东认证" };

export default async function PropertyPage() {
  await requirePageUser("/me/verify/property");
  return (
    <PageShell title="房东认证" back="/me">
      <PropertyVerification retentionDays={DOCUMENT_RETENTION_DAYS} />
    </PageShell>
  );
}
