import type { Metadata } from "next";
import { PropertyVerification } from "@/components/landlord/property-verification";
import { PageShell } from "@/components/ui/page-shell";
import { requirePageUser } from "@/lib/auth/next-auth";

export const metadata: Metadata = { title: "房东认证" };

export default async function PropertyPage() {
  await requirePageUser("/me/verify/property");
  return (
    <PageShell title="房东认证" back="/me">
      <PropertyVerification />
    </PageShell>
  );
}
