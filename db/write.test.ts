import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { users } from "@/db/schema";
import { writeTransaction } from "@/db/write";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("writeTransaction", () => {
  it("serialises transactions across awaits and hides uncommitted rows from readers", async () => {
    const order: string[] = [];
    const first = writeTransaction(async (tx) => {
      tx.insert(users).values({ wxOpenid: "tx-a" }).run();
      order.push("a:insert");
      await tick();
      // The reader on the main connection does not see the open transaction's row.
      order.push(
        `reader:${db().select().from(users).where(eq(users.wxOpenid, "tx-a")).all().length}`,
      );
      await tick();
      order.push("a:commit");
    });
    const second = writeTransaction(async (tx) => {
      order.push(
        `b:sees-a=${tx.select().from(users).where(eq(users.wxOpenid, "tx-a")).all().length}`,
      );
    });
    await Promise.all([first, second]);
    expect(order).toEqual(["a:insert", "reader:0", "a:commit", "b:sees-a=1"]);
  });

  it("rolls back everything when the work throws, and the next transaction runs", async () => {
    await expect(
      writeTransaction(async (tx) => {
        tx.insert(users).values({ wxOpenid: "tx-rollback" }).run();
        await tick();
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(db().select().from(users).where(eq(users.wxOpenid, "tx-rollback")).all()).toHaveLength(
      0,
    );
    const id = await writeTransaction((tx) =>
      tx.insert(users).values({ wxOpenid: "tx-after" }).returning({ id: users.id }).get(),
    );
    expect(id.id).toBeGreaterThan(0);
  });

  it("refuses a nested transaction instead of deadlocking", async () => {
    await expect(writeTransaction(async () => writeTransaction(async () => 1))).rejects.toThrow(
      /inside another/,
    );
  });
});
