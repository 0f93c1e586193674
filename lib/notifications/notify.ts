import "server-only";
import { and, count, desc, eq, inArray, isNull } from "drizzle-orm";
import { changedRows, db } from "@/db";
import { notifications } from "@/db/schema";
import { type WriteTx, writeTransaction } from "@/db/write";

export type NotificationPayload = Record<string, string | number | boolean | null>;

export interface NotifyInput {
  userId: number;
  /** What happened, e.g. `viewing_paid`; chooses the template message and the inbox wording. */
  kind: string;
  /** Unique per recipient for one event (e.g. `viewing_paid:<request id>`): repeats are no-ops. */
  eventKey: string;
  /** Shown in the inbox and mapped onto template fields: no phone/ID numbers or full names. */
  payload: NotificationPayload;
  /** A path inside the app, e.g. `/viewings`. */
  link?: string | null;
  now?: Date;
}

/**
 * Records a notification inside the caller's write transaction, so it exists exactly when the
 * state change that causes it is committed. A repeated event key for the same user does nothing.
 * Delivery beyond the inbox happens later, in the `notifications:deliver` job step.
 */
export async function notify(tx: WriteTx, input: NotifyInput): Promise<boolean> {
  if (input.link && !input.link.startsWith("/"))
    throw new Error("notification link must be a path");
  const inserted = await tx
    .insert(notifications)
    .values({
      userId: input.userId,
      kind: input.kind,
      eventKey: input.eventKey,
      payload: JSON.stringify(input.payload),
      link: input.link ?? null,
      createdAt: input.now ?? new Date(),
    })
    .onConflictDoNothing({ target: [notifications.userId, notifications.eventKey] })
    .returning({ id: notifications.id })
    .all();
  return inserted.length === 1;
}

export interface InboxItem {
  id: number;
  kind: string;
  payload: NotificationPayload;
  link: string | null;
  created_at: string;
  read: boolean;
}

export async function unreadCount(userId: number): Promise<number> {
  const row = await db()
    .select({ value: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .get();
  return row?.value ?? 0;
}

/** The user's inbox, newest first, with the unread count (for the bell). */
export async function listNotifications(
  userId: number,
  page: { shift: number; count: number },
): Promise<{ items: InboxItem[]; unread: number }> {
  const rows = await db()
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.id))
    .limit(page.count)
    .offset(page.shift)
    .all();
  const items: InboxItem[] = rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    payload: JSON.parse(row.payload) as NotificationPayload,
    link: row.link,
    created_at: row.createdAt.toISOString(),
    read: row.readAt !== null,
  }));
  return { items, unread: await unreadCount(userId) };
}

/** Marks the user's own notifications among `ids` (or all of them) read. */
export async function readNotifications(
  userId: number,
  ids: number[] | "all",
  now = new Date(),
): Promise<{ updated: number; unread: number }> {
  const updated = await writeTransaction(async (tx) =>
    changedRows(
      await tx
        .update(notifications)
        .set({ readAt: now })
        .where(
          and(
            eq(notifications.userId, userId),
            ids === "all" ? undefined : inArray(notifications.id, ids),
            isNull(notifications.readAt),
          ),
        )
        .run(),
    ),
  );
  return { updated, unread: await unreadCount(userId) };
}
