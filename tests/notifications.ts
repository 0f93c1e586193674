import { writeTransaction } from "@/db/write";
import { type NotifyInput, notify } from "@/lib/notifications/notify";

let sequence = 0;

/** Creates `n` notifications for a user (each its own event), in order. */
export async function notifyMany(userId: number, n: number, values: Partial<NotifyInput> = {}) {
  for (let i = 0; i < n; i += 1) {
    sequence += 1;
    await writeTransaction((tx) =>
      notify(tx, {
        userId,
        kind: "test_event",
        eventKey: `test:${sequence}`,
        payload: { n: i },
        link: "/viewings",
        ...values,
      }),
    );
  }
}
