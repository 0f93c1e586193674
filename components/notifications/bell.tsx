"use client";

import Link from "next/link";
import useSWR from "swr";
import type { listNotifications } from "@/lib/notifications/notify";
import { fetcher } from "@/lib/swr/fetcher";
import { keys } from "@/lib/swr/hooks";

type Inbox = Awaited<ReturnType<typeof listNotifications>>;

/** 🔔 with the unread count, linking to /notifications; refreshed every minute. */
export function NotificationBell({ initialUnread }: { initialUnread: number }) {
  const { data } = useSWR<Inbox>(keys.notifications(0, 1), fetcher, {
    refreshInterval: 60_000,
  });
  const unread = data?.unread ?? initialUnread;
  return (
    <Link
      href="/notifications"
      aria-label={unread > 0 ? `通知，${unread} 条未读` : "通知"}
      className="relative flex h-11 w-11 items-center justify-center text-xl"
      data-testid="notification-bell"
    >
      <span aria-hidden>🔔</span>
      {unread > 0 && (
        <span
          className="absolute top-1 right-0 min-w-4 rounded-full bg-red-600 px-1 text-center text-[10px] leading-4 font-semibold text-white"
          data-testid="notification-unread"
        >
          {unread > 99 ? "99+" : unread}
        </span>
      )}
    </Link>
  );
}
