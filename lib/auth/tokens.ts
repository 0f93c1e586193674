import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { changedRows, preparedQuery } from "@/db";
import { apiTokens, users } from "@/db/schema";
import { writeTransaction } from "@/db/write";

export const TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;
const TOKEN_PATTERN = /^[0-9a-f]{64}$/;

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Issues a 64-hex-character random token; only its hash is stored. */
export async function issueToken(userId: number, now = new Date()): Promise<string> {
  const token = randomBytes(32).toString("hex");
  await writeTransaction((tx) =>
    tx
      .insert(apiTokens)
      .values({
        userId,
        tokenHash: hashToken(token),
        expiresAt: new Date(now.getTime() + TOKEN_TTL_MS),
      })
      .run(),
  );
  return token;
}

export type TokenCheck =
  | { ok: true; user: { id: number; role: "user" | "admin" } }
  | { ok: false; reason: "malformed" | "unknown" | "expired" | "revoked" };

/** Token → user and role: every authenticated request runs it. */
const tokenLookup = preparedQuery((database) =>
  database
    .select({
      id: users.id,
      role: users.role,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, sql.placeholder("tokenHash")))
    .prepare(),
);

export async function checkToken(token: string, now = new Date()): Promise<TokenCheck> {
  if (!TOKEN_PATTERN.test(token)) return { ok: false, reason: "malformed" };
  const row = await tokenLookup().get({ tokenHash: hashToken(token) });
  if (!row) return { ok: false, reason: "unknown" };
  if (row.revokedAt) return { ok: false, reason: "revoked" };
  if (row.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, user: { id: row.id, role: row.role } };
}

/** Revokes one token; revoking an already revoked or unknown token changes nothing. */
export async function revokeToken(token: string, now = new Date()): Promise<boolean> {
  if (!TOKEN_PATTERN.test(token)) return false;
  const result = await writeTransaction((tx) =>
    tx
      .update(apiTokens)
      .set({ revokedAt: now })
      .where(
        and(
          eq(apiTokens.tokenHash, hashToken(token)),
          isNull(apiTokens.revokedAt),
          gt(apiTokens.expiresAt, now),
        ),
      )
      .run(),
  );
  return changedRows(result) > 0;
}
