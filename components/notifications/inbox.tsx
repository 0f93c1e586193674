"use client";

import Link from "next/link";
import { useState } from "react";
import useSWR, { useSWRConfig } from "swr";
import { Button } from "@/components/ui/button";
import { chinaDateTime } from "@/lib/china-time";
import type { InboxItem, listNotifications } from "@/lib/notifications/notify";
import { api, errorText, fetcher } from "@/lib/swr/fetcher";
import { keys } from "@/lib/swr/hooks";

type Inbox = Awaited<ReturnType<typeof listNotifications>>;
const PAGE = 20;

function titleOf(item: InboxItem): string {
  return typeof item.payload.title === "string" ? item.payload.title : "新通知";
}

function NotificationRow({ item, onOpen }: { item: InboxItem; onOpen: (item: InboxItem) => void }) {
  const body = typeof item.payload.body === "string" ? item.payload.body : null;
  const content = (
    <div className="flex gap-3 px-4 py-3">
      <span
        aria-hidden
        className={`mt-1.5 h-2 w-2 shrink-0 rounded-full ${item.read ? "bg-transparent" : "bg-red-600"}`}
      />
      <div className="min-w-0 flex-1">
        <p className={`text-sm ${item.read ? "text-stone-600" : "font-semibold"}`}>
          {titleOf(item)}
        </p>
        {body && <p className="mt-0.5 text-sm text-stone-500">{body}</p>}
        <p className="mt-1 text-xs text-stone-400">{chinaDateTime(item.created_at)}</p>
      </div>
    </div>
  );
  return (
    <li data-testid="notification" data-read={item.read}>
      {item.link ? (
        <Link href={item.link} onClick={() => onOpen(item)} className="block">
          {content}
        </Link>
      ) : (
        <button type="button" onClick={() => onOpen(item)} className="block w-full text-left">
          {content}
        </button>
      )}
    </li>
  );
}

/** The inbox: newest first, 加载更多 for older pages, 全部已读, tapping one marks it read. */
export function NotificationInbox({ initial }: { initial: Inbox }) {
  const [pages, setPages] = useState(1);
  const { mutate } = useSWRConfig();
  const {
    data,
    error,
    mutate: refresh,
  } = useSWR<Inbox>(keys.notifications(0, pages * PAGE), fetcher, {
    fallbackData: pages === 1 ? initial : undefined,
  });
  const [actionError, setActionError] = useState<string | null>(null);
  const items = data?.items ?? [];

  const afterChange = async () => {
    await refresh();
    await mutate(keys.notifications(0, 1));
  };
  const open = async (item: InboxItem) => {
    if (item.read) return;
    try {
      await api("/api/notification/read", { form: { ids: String(item.id) } });
      await afterChange();
    } catch (caught) {
      setActionError(errorText(caught));
    }
  };
  const readAll = async () => {
    try {
      await api("/api/notification/read_all", { form: {} });
      await afterChange();
    } catch (caught) {
      setActionError(errorText(caught));
    }
  };

  if (error && !data) return <p className="text-sm text-red-700">{errorText(error)}</p>;
  if (items.length === 0)
    return <p className="py-12 text-center text-sm text-stone-500">暂无通知</p>;
  return (
    <div className="space-y-3">
      <div className="flex items-center justify-between text-sm">
        <span className="text-stone-500">
          {data?.unread ? `${data.unread} 条未读` : "全部已读"}
        </span>
        {Boolean(data?.unread) && (
          <Button type="button" variant="secondary" onClick={readAll}>
            全部已读
          </Button>
        )}
      </div>
      {actionError && <p className="text-sm text-red-700">{actionError}</p>}
      <ul className="divide-y divide-stone-100 rounded-2xl bg-white shadow-sm">
        {items.map((item) => (
          <NotificationRow key={item.id} item={item} onOpen={open} />
        ))}
      </ul>
      {items.length === pages * PAGE && (
        <Button type="button" variant="secondary" block onClick={() => setPages(pages + 1)}>
          加载更多
        </Button>
      )}
    </div>
  );
}
