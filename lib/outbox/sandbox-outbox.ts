import "server-only";
import { desc } from "drizzle-orm";
import { db } from "@/db";
import { sandboxOutbox } from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { isSandbox } from "@/lib/env";

type OutboxEntry = Omit<typeof sandboxOutbox.$inferInsert, "id" | "createdAt">;

/** Records a message that sandbox mode does not send (template message, SMS code). */
export async function recordOutboxMessage(entry: OutboxEntry): Promise<void> {
  if (!isSandbox()) throw new Error("the sandbox outbox exists in sandbox mode only");
  await writeTransaction((tx) => tx.insert(sandboxOutbox).values(entry).run());
}

/** The latest messages, newest first, for `/sandbox/outbox` and tests. */
export async function latestOutboxMessages(limit = 100) {
  return db().select().from(sandboxOutbox).orderBy(desc(sandboxOutbox.id)).limit(limit).all();
}
