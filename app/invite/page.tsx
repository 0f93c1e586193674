import type { Metadata } from "next";
import { Invite } from "@/components/landlord/invite";
import { PageShell } from "@/components/ui/page-shell";
import { requirePageUser } from "@/lib/auth/next-auth";

export const metadata: Metadata = { title: "邀请好友" };

export default async function InvitePage() {
  await requirePageUser("/invite");
  return (
    <PageShell title="邀请好友" back="/me">
      <Invite />
    </PageShell>
  );
}
