import type { Metadata } from "next";
import { NotificationInbox } from "@/components/notifications/inbox";
import { PageShell } from "@/components/ui/page-shell";
import { requirePageUser } from "@/lib/auth/next-auth";
import { listNotifications } from "@/lib/notifications/notify";

export const metadata: Metadata = { title: "通知" };

export default async function NotificationsPage() {
  const user = await requirePageUser("/notifications");
  return (
    <PageShell title="通知" back="/me">
      <NotificationInbox initial={await listNotifications(user.id, { shift: 0, count: 20 })} />
    </PageShell>
  );
}
