import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PageShell } from "@/components/ui/page-shell";
import { ViewingList } from "@/components/viewing/viewing-list";
import { pageUser } from "@/lib/auth/next-auth";

export const metadata: Metadata = { title: "我的看房" };

export default async function ViewingsPage() {
  if (!(await pageUser())) redirect(`/login?callbackUrl=${encodeURIComponent("/viewings")}`);
  return (
    <PageShell title="我的看房">
      <ViewingList />
    </PageShell>
  );
}
