import "server-only";
import { randomInt } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { db } from "@/db";
import { type Invitation, invitations } from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { ApiError, Status } from "@/lib/api/errors";
import { log } from "@/lib/log";

// No 0/O, 1/I: codes are read aloud and typed by hand.
const ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
const CODE_LENGTH = 8;
const MAX_ATTEMPTS = 5;

function newInviteCode(): string {
  let code = "";
  for (let index = 0; index < CODE_LENGTH; index += 1) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** The user's invitation row, created on first use. Race-safe: insert-or-ignore, then read. */
async function invitationOf(userId: number): Promise<Invitation> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const existing = await db()
      .select()
      .from(invitations)
      .where(eq(invitations.userId, userId))
      .get();
    if (existing) return existing;
    // Ignores both a concurrent insert for this user and (rarely) a code already taken.
    await writeTransaction((tx) =>
      tx
        .insert(invitations)
        .values({ userId, myCode: newInviteCode() })
        .onConflictDoNothing()
        .run(),
    );
  }
  throw new Error("Could not allocate an invitation code");
}

/** The legacy shape: friend_invite_code is the number -1 while unset. */
function answer(row: Invitation) {
  return { my_invite_code: row.myCode, friend_invite_code: row.friendCode ?? (-1 as const) };
}

export async function getInviteCodes(userId: number) {
  return answer(await invitationOf(userId));
}

// The legacy message, word for word, without the usual "field: " prefix.
const alreadySet = () =>
  new ApiError(Status.badParam, "不要重复填写邀请码", { field: "invite_code" });

/** Records who invited the user: an existing code, not their own, once. */
export async function setFriendInviteCode(userId: number, input: string) {
  const code = input.trim().toUpperCase();
  const mine = await invitationOf(userId);
  if (mine.friendCode !== null) throw alreadySet();
  if (code === mine.myCode) throw ApiError.badParam("invite_code", "不能填写自己的邀请码");
  const inviter = await db().select().from(invitations).where(eq(invitations.myCode, code)).get();
  if (!inviter) throw ApiError.badParam("invite_code", "邀请码不存在");
  // The IS NULL guard makes a concurrent second setcode a no-op rather than an overwrite.
  const updated = await writeTransaction((tx) =>
    tx
      .update(invitations)
      .set({ friendCode: code, invitedBy: inviter.userId, friendCodeSetAt: new Date() })
      .where(and(eq(invitations.userId, userId), isNull(invitations.friendCode)))
      .returning()
      .get(),
  );
  if (!updated) throw alreadySet();
  log.info("invitation.code_set", { userId, invitedBy: inviter.userId });
  return answer(updated);
}
