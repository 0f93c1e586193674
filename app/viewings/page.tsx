import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { NotificationBell } from "@/components/notifications/bell";
import { PageShell } from "@/components/ui/page-shell";
import { ViewingList } from "@/components/viewing/viewing-list";
import { pageUser } from "@/lib/auth/next-auth";
import { unreadCount } from "@/lib/notifications/notify";

export const metadata: Metadata = { title: "我的看房" };

export default async function ViewingsPage() {
  const user = await pageUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent("/viewings")}`);
  return (
    <PageShell
      title="我的看房"
      action={<NotificationBell initialUnread={await unreadCount(user.id)} />}
    >
      <ViewingList />
    </PageShell>
  );
}
