import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { ModerationQueue } from "@/components/admin/moderation-queue";
import { PageShell } from "@/components/ui/page-shell";
import { requirePageUser } from "@/lib/auth/next-auth";

export const metadata: Metadata = { title: "房源审核" };

export default async function AdminModerationPage() {
  const user = await requirePageUser("/admin/moderation");
  if (user.role !== "admin") forbidden();
  return (
    <PageShell title="房源审核" back="/me" nav={false}>
      <ModerationQueue />
    </PageShell>
  );
}
