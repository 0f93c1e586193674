import { spawn } from "node:child_process";
import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { databasePath, db, migrateDatabase } from "@/db";
import { users } from "@/db/schema";
import { writeTransaction } from "@/db/write";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("writeTransaction", () => {
  it("serialises transactions across awaits and hides uncommitted rows from readers", async () => {
    const order: string[] = [];
    const first = writeTransaction(async (tx) => {
      await tx.insert(users).values({ wxOpenid: "tx-a" }).run();
      order.push("a:insert");
      await tick();
      // The reader on the main connection does not see the open transaction's row.
      order.push(
        `reader:${(await db().select().from(users).where(eq(users.wxOpenid, "tx-a")).all()).length}`,
      );
      await tick();
      order.push("a:commit");
    });
    const second = writeTransaction(async (tx) => {
      order.push(
        `b:sees-a=${(await tx.select().from(users).where(eq(users.wxOpenid, "tx-a")).all()).length}`,
      );
    });
    await Promise.all([first, second]);
    expect(order).toEqual(["a:insert", "reader:0", "a:commit", "b:sees-a=1"]);
  });

  it("rolls back everything when the work throws, and the next transaction runs", async () => {
    await expect(
      writeTransaction(async (tx) => {
        await tx.insert(users).values({ wxOpenid: "tx-rollback" }).run();
        await tick();
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(
      await db().select().from(users).where(eq(users.wxOpenid, "tx-rollback")).all(),
    ).toHaveLength(0);
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

/**
 * Runs a second process that writes to the same database file with its own connection, as
 * `npm run payments:reconcile` or a second server would. `ready` resolves once it prints `marker`
 * ("ready" is printed once connected).
 */
function otherProcess(script: string, marker = "ready") {
  const child = spawn(
    process.execPath,
    [
      "-e",
      `const Database = require("better-sqlite3");
       const db = new Database(process.argv[1]);
       db.pragma("busy_timeout = 5000");
       const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
       (async () => { console.log("ready"); ${script} })().then(
         () => process.exit(0),
         (error) => { console.error(error.code ?? error.message); process.exit(1); },
       );`,
      databasePath(),
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const ready = new Promise<void>((resolve) => {
    child.stdout.on("data", (chunk) => {
      if (String(chunk).includes(marker)) resolve();
    });
  });
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => {
    child.on("exit", (code) => resolve({ code, stderr }));
  });
  return { ready, exited };
}

describe("writeTransaction with another process", () => {
  it("makes a second process's write wait for the commit instead of failing with SQLITE_BUSY", async () => {
    await migrateDatabase(); // before the other process opens the file
    let other: ReturnType<typeof otherProcess> | undefined;
    await writeTransaction(async (tx) => {
      await tx.insert(users).values({ wxOpenid: "proc-first" }).run();
      other = otherProcess(`
        db.prepare("BEGIN IMMEDIATE").run();
        db.prepare("INSERT INTO users (wx_openid) VALUES ('proc-second')").run();
        db.prepare("COMMIT").run();`);
      await other.ready;
      // The other process is now blocked on our write lock; hold it across awaits a little.
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    const result = await other?.exited;
    expect(result).toEqual({ code: 0, stderr: "" });
    const rows = await db()
      .select({ id: users.id, openid: users.wxOpenid })
      .from(users)
      .where(inArray(users.wxOpenid, ["proc-first", "proc-second"]))
      .orderBy(users.id)
      .all();
    expect(rows.map((row) => row.openid)).toEqual(["proc-first", "proc-second"]);
  });

  it("waits for another process's open write transaction instead of failing", async () => {
    await migrateDatabase();
    const other = otherProcess(
      `
      db.prepare("BEGIN IMMEDIATE").run();
      db.prepare("INSERT INTO users (wx_openid) VALUES ('proc-holder')").run();
      console.log("locked");
      await sleep(300);
      db.prepare("COMMIT").run();`,
      "locked",
    );
    await other.ready;
    const id = await writeTransaction((tx) =>
      tx.insert(users).values({ wxOpenid: "proc-waiter" }).returning({ id: users.id }).get(),
    );
    expect((await other.exited).code).toBe(0);
    const holder = await db().select().from(users).where(eq(users.wxOpenid, "proc-holder")).get();
    expect(holder?.id).toBeLessThan(id.id);
  });
});

describe("writeTransaction ordering and errors", () => {
  it("runs waiting transactions in call order and survives a synchronous throw", async () => {
    const order: number[] = [];
    const results = await Promise.allSettled([
      writeTransaction(async () => {
        await tick();
        order.push(1);
      }),
      writeTransaction(async (tx) => {
        await tx.insert(users).values({ wxOpenid: "tx-sync-throw" }).run();
        order.push(2);
        throw new Error("boom after a write");
      }),
      writeTransaction(() => {
        order.push(3);
        throw new Error("sync boom");
      }),
      writeTransaction(() => {
        order.push(4);
      }),
    ]);
    expect(order).toEqual([1, 2, 3, 4]);
    expect(results.map((result) => result.status)).toEqual([
      "fulfilled",
      "rejected",
      "rejected",
      "fulfilled",
    ]);
    expect(
      await db().select().from(users).where(eq(users.wxOpenid, "tx-sync-throw")).all(),
    ).toEqual([]);
  });
});
