import "server-only";
import { randomBytes } from "node:crypto";
import os from "node:os";
import { and, eq, lte, or, sql } from "drizzle-orm";
import { jobClaims } from "@/db/schema";
import { writeTransaction } from "@/db/write";

/** The item key of a whole-step lease (a step that must run in one process at a time). */
export const WHOLE_STEP = "*";

export interface ClaimOptions {
  now: Date;
  leaseMs: number;
  /** Who claims: one value per process (see `processHolder`). */
  holder: string;
}

/** A holder name unique to this process: host, pid and a random suffix (pids are reused). */
export function processHolder(): string {
  const holder = globalThis as unknown as { zhizuJobHolder?: string };
  holder.zhizuJobHolder ??= `${os.hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  return holder.zhizuJobHolder;
}

/**
 * Claims `key` of `step` until `now + leaseMs`. True when the caller now holds it: the item was
 * free, its lease had expired (its holder died or overran), or the caller already held it (the
 * lease is renewed). One guarded upsert, so of two processes racing for an item only one wins.
 */
export async function claimItem(
  step: string,
  key: string,
  options: ClaimOptions,
): Promise<boolean> {
  const expiresAt = new Date(options.now.getTime() + options.leaseMs);
  const claimed = await writeTransaction((tx) =>
    tx
      .insert(jobClaims)
      .values({ step, itemKey: key, holder: options.holder, expiresAt })
      .onConflictDoUpdate({
        target: [jobClaims.step, jobClaims.itemKey],
        set: { holder: options.holder, expiresAt },
        setWhere: or(
          lte(jobClaims.expiresAt, options.now),
          eq(jobClaims.holder, sql`excluded.holder`),
        ),
      })
      .returning({ holder: jobClaims.holder })
      .all(),
  );
  return claimed.length === 1;
}

/** Gives up a claim early (when the work is done); only the holder's own claim is removed. */
export async function releaseClaim(step: string, key: string, holder: string): Promise<void> {
  await writeTransaction((tx) =>
    tx
      .delete(jobClaims)
      .where(
        and(eq(jobClaims.step, step), eq(jobClaims.itemKey, key), eq(jobClaims.holder, holder)),
      )
      .run(),
  );
}
