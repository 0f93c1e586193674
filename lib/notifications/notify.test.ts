import { describe, expect, it } from "vitest";
import { writeTransaction } from "@/db/write";
import {
  listNotifications,
  notify,
  readNotifications,
  unreadCount,
} from "@/lib/notifications/notify";
import { createUser } from "@/tests/helpers";
import { notifyMany } from "@/tests/notifications";

const now = new Date("2026-03-01T08:00:00Z");

describe("notify", () => {
  it("notifies once per event, however often the event is reported", async () => {
    const { user } = await createUser();
    const event = {
      userId: user.id,
      kind: "viewing_paid",
      eventKey: "viewing_paid:42",
      payload: { house_title: "春熙路一居室" },
      link: "/viewings",
    };
    expect(await writeTransaction((tx) => notify(tx, event))).toBe(true);
    expect(await writeTransaction((tx) => notify(tx, event))).toBe(false);
    const { items, unread } = await listNotifications(user.id, { shift: 0, count: 20 });
    expect(unread).toBe(1);
    expect(items).toMatchObject([
      {
        kind: "viewing_paid",
        payload: { house_title: "春熙路一居室" },
        link: "/viewings",
        read: false,
      },
    ]);
    // the same key for another user is another notification
    const other = await createUser();
    expect(await writeTransaction((tx) => notify(tx, { ...event, userId: other.user.id }))).toBe(
      true,
    );
  });

  it("is written only if the caller's transaction commits", async () => {
    const { user } = await createUser();
    await expect(
      writeTransaction(async (tx) => {
        await notify(tx, { userId: user.id, kind: "k", eventKey: "k:1", payload: {} });
        throw new Error("state change failed");
      }),
    ).rejects.toThrow("state change failed");
    expect(await unreadCount(user.id)).toBe(0);
  });

  it("lists newest first, in pages, and tracks read state per user", async () => {
    const { user } = await createUser();
    const other = await createUser();
    await notifyMany(user.id, 5);
    await notifyMany(other.user.id, 2);
    const first = await listNotifications(user.id, { shift: 0, count: 3 });
    const second = await listNotifications(user.id, { shift: 3, count: 3 });
    expect([...first.items, ...second.items].map((item) => item.payload.n)).toEqual([
      4, 3, 2, 1, 0,
    ]);

    const [newest, next] = first.items;
    // someone else's id is ignored
    const foreign = (await listNotifications(other.user.id, { shift: 0, count: 1 })).items[0]!.id;
    expect(await readNotifications(user.id, [newest!.id, next!.id, foreign], now)).toEqual({
      updated: 2,
      unread: 3,
    });
    expect(await unreadCount(user.id)).toBe(3);
    expect(await unreadCount(other.user.id)).toBe(2);
    expect((await listNotifications(user.id, { shift: 0, count: 1 })).items[0]!.read).toBe(true);
    expect(await readNotifications(user.id, "all", now)).toEqual({ updated: 3, unread: 0 });
    expect(await unreadCount(user.id)).toBe(0);
    expect(await unreadCount(other.user.id)).toBe(2);
  });
});
