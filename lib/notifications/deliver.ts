import "server-only";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { db } from "@/db";
import { type Notification, notifications } from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { env } from "@/lib/env";
import { claimItem, releaseClaim } from "@/lib/jobs/claims";
import type { JobStep } from "@/lib/jobs/step";
import { type NotificationChannel, notificationChannel } from "@/lib/notifications/channels";
import type { NotificationPayload } from "@/lib/notifications/notify";

const STEP = "notifications:deliver";
/** Rows looked at per pass; the rest wait for the next minute. */
const BATCH = 200;
/** Long enough for one send with its 10-second timeout, with room to spare. */
const ITEM_LEASE_MS = 2 * 60_000;
/** After this many transient failures the inbox stays the only copy ("failed"). */
export const MAX_DELIVERY_ATTEMPTS = 5;

function undelivered(id?: number) {
  const pending = isNull(notifications.deliveredAt);
  return id === undefined ? pending : and(eq(notifications.id, id), pending);
}

async function settle(id: number, delivery: Notification["delivery"], now: Date) {
  await writeTransaction((tx) =>
    tx.update(notifications).set({ deliveredAt: now, delivery }).where(undelivered(id)).run(),
  );
}

/**
 * The outbox pattern: notifications are written with the state change that causes them; this
 * step sends each undelivered one through the channel. Each row is claimed with a lease and
 * re-read after the claim, so two runners never send one notification twice.
 */
export function deliverNotificationsStep(
  channel: () => NotificationChannel = () => notificationChannel(),
): JobStep {
  return {
    name: STEP,
    async run({ clock, holder, log }) {
      const counts = { sent: 0, unreachable: 0, failed: 0, errors: 0, claimed_elsewhere: 0 };
      const candidates = await db()
        .select({ id: notifications.id })
        .from(notifications)
        .where(undelivered())
        .orderBy(asc(notifications.id))
        .limit(BATCH)
        .all();
      if (candidates.length === 0) return counts;
      const sender = channel();
      for (const { id } of candidates) {
        const key = String(id);
        if (!(await claimItem(STEP, key, { now: clock(), leaseMs: ITEM_LEASE_MS, holder }))) {
          counts.claimed_elsewhere += 1;
          continue;
        }
        try {
          // Another runner may have delivered it between our list and our claim.
          const row = await db().select().from(notifications).where(undelivered(id)).get();
          if (!row) continue;
          try {
            const outcome = await sender.send({
              notificationId: row.id,
              userId: row.userId,
              kind: row.kind,
              payload: JSON.parse(row.payload) as NotificationPayload,
              url: row.link ? `${env().APP_URL}${row.link}` : null,
            });
            await settle(id, outcome, clock());
            counts[outcome] += 1;
          } catch (error) {
            counts.errors += 1;
            log("send_failed", {
              notificationId: id,
              message: error instanceof Error ? error.message : String(error),
            });
            const attempts = await writeTransaction((tx) =>
              tx
                .update(notifications)
                .set({ deliveryAttempts: sql`${notifications.deliveryAttempts} + 1` })
                .where(undelivered(id))
                .returning({ attempts: notifications.deliveryAttempts })
                .get(),
            );
            if (attempts && attempts.attempts >= MAX_DELIVERY_ATTEMPTS) {
              await settle(id, "failed", clock());
              counts.failed += 1;
            }
          }
        } finally {
          await releaseClaim(STEP, key, holder);
        }
      }
      return counts;
    },
  };
}
