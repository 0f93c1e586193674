import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { notifications, sandboxOutbox } from "@/db/schema";
import { env } from "@/lib/env";
import { runJobPass } from "@/lib/jobs/run";
import type { NotificationChannel } from "@/lib/notifications/channels";
import { deliverNotificationsStep, MAX_DELIVERY_ATTEMPTS } from "@/lib/notifications/deliver";
import { latestOutboxMessages } from "@/lib/outbox/sandbox-outbox";
import { createUser } from "@/tests/helpers";
import { notifyMany } from "@/tests/notifications";

const run = promisify(execFile);

/** Every outbox recipient/body pair, to compare against the notifications sent. */
async function outboxBodies() {
  const rows = await db()
    .select({ recipient: sandboxOutbox.recipient, body: sandboxOutbox.body })
    .from(sandboxOutbox)
    .all();
  return rows.map((row) => `${row.recipient} ${row.body}`);
}

async function expectEachDeliveredOnce(total: number) {
  const bodies = await outboxBodies();
  expect(bodies).toHaveLength(total);
  expect(new Set(bodies).size).toBe(total);
  const rows = await db().select().from(notifications).all();
  expect(rows.filter((row) => !row.deliveredAt)).toEqual([]);
}

describe("notifications:deliver", () => {
  it("records each message in the sandbox outbox with the link into the app", async () => {
    const { user } = await createUser();
    await notifyMany(user.id, 1, { payload: { house_title: "春熙路" }, link: "/viewings" });
    const [outcome] = await runJobPass({ only: "notifications:deliver" });
    expect(outcome).toMatchObject({ outcome: "done", counts: { sent: 1 } });
    expect((await latestOutboxMessages(1))[0]).toMatchObject({
      channel: "wechat_template",
      recipient: `user:${user.id}`,
      kind: "test_event",
      link: `${env().APP_URL}/viewings`,
    });
    expect((await latestOutboxMessages(1))[0]?.body).toContain("春熙路");
    // delivered rows are not sent again
    const [again] = await runJobPass({ only: "notifications:deliver" });
    expect(again).toMatchObject({ counts: { sent: 0 } });
    await expectEachDeliveredOnce((await db().select().from(notifications).all()).length);
  });

  it("two concurrent passes never send one notification twice", async () => {
    const { user } = await createUser();
    await notifyMany(user.id, 30);
    await Promise.all([
      runJobPass({ only: "notifications:deliver", holder: "runner-1" }),
      runJobPass({ only: "notifications:deliver", holder: "runner-2" }),
    ]);
    await expectEachDeliveredOnce((await db().select().from(notifications).all()).length);
  });

  it("two processes on one database never send one notification twice", async () => {
    const { user } = await createUser();
    await notifyMany(user.id, 60);
    const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
    const child = () =>
      run(tsx, ["--import", "./scripts/plain-node.mjs", "tests/fixtures/deliver-pass.ts"], {
        env: { ...process.env, DATA_DIR: env().DATA_DIR },
        timeout: 60_000,
      });
    const runners = [child(), child()];
    await new Promise((resolve) => setTimeout(resolve, 3000));
    fs.writeFileSync(path.join(env().DATA_DIR, "go"), "");
    const outputs = await Promise.all(runners);
    const sent = outputs.map(({ stdout }) => {
      const line = stdout.trim().split("\n").at(-1)!;
      return JSON.parse(line)[0].counts.sent as number;
    });
    expect(sent[0]! + sent[1]!).toBe(60);
    await expectEachDeliveredOnce((await db().select().from(notifications).all()).length);
  }, 90_000);

  it("retries a failing send, then keeps the inbox as the only copy", async () => {
    const { user } = await createUser();
    await notifyMany(user.id, 1);
    const [row] = await db()
      .select()
      .from(notifications)
      .where(eq(notifications.userId, user.id))
      .all();
    const failing: NotificationChannel = {
      send: async () => {
        throw new Error("network down");
      },
    };
    for (let attempt = 1; attempt <= MAX_DELIVERY_ATTEMPTS; attempt += 1)
      await runJobPass({ steps: [deliverNotificationsStep(() => failing)] });
    const after = await db()
      .select()
      .from(notifications)
      .where(eq(notifications.id, row!.id))
      .get();
    expect(after).toMatchObject({ delivery: "failed", deliveryAttempts: MAX_DELIVERY_ATTEMPTS });
    expect(after?.readAt).toBeNull();
  });

  it("marks a user who cannot be reached, leaving the inbox", async () => {
    const { user } = await createUser();
    await notifyMany(user.id, 1);
    const unreachable: NotificationChannel = { send: async () => "unreachable" };
    const [outcome] = await runJobPass({ steps: [deliverNotificationsStep(() => unreachable)] });
    expect(outcome).toMatchObject({ counts: { unreachable: 1 } });
    const row = await db()
      .select()
      .from(notifications)
      .where(eq(notifications.userId, user.id))
      .get();
    expect(row?.delivery).toBe("unreachable");
  });
});
