import "server-only";
import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import {
  users,
  type ViewingRequest,
  ViewingStatus,
  verifiedPhones,
  viewingRequests,
} from "@/db/schema";
import type { WriteTx } from "@/db/write";
import { ApiError } from "@/lib/api/errors";
import { consumePhoneCode, markPhoneVerified } from "@/lib/phone/codes";
import { SLOT_END_HOUR, type Slot } from "@/lib/viewings/states";

// Before paying: the tenant's verified mobile number, their explicit consent (PIPL) that it is
// shared with this landlord, and an optional preferred time and message, recorded with the request.

export interface BeforePaying {
  tel?: string;
  telCode?: string;
  consent?: boolean;
  preferredDate?: string;
  preferredSlot?: Slot;
  message?: string;
}

/** The user's number when it is the one they proved with a code, else null. */
async function verifiedTel(conn: Pick<WriteTx, "select">, userId: number): Promise<string | null> {
  const row = await conn
    .select({ tel: users.tel })
    .from(users)
    .innerJoin(
      verifiedPhones,
      and(eq(verifiedPhones.userId, users.id), eq(verifiedPhones.tel, users.tel)),
    )
    .where(eq(users.id, userId))
    .get();
  return row?.tel ?? null;
}

export const verifiedTelOf = (userId: number) => verifiedTel(db(), userId);

/** Records what the tenant gave with the request (inside `writeWithPhoneCode`). */
export async function recordBeforePaying(
  tx: WriteTx,
  request: Pick<ViewingRequest, "id" | "tenantId" | "status">,
  input: BeforePaying,
  now: Date,
): Promise<void> {
  if (request.status !== ViewingStatus.pending) return;
  if (input.telCode !== undefined) {
    if (!input.tel) throw ApiError.badParam("tel", "填写验证码时需提供手机号");
    await consumePhoneCode(tx, {
      userId: request.tenantId,
      tel: input.tel,
      purpose: "viewing",
      code: input.telCode,
      now,
    });
    await tx.update(users).set({ tel: input.tel }).where(eq(users.id, request.tenantId)).run();
    await markPhoneVerified(tx, request.tenantId, input.tel, now);
  }
  if (input.preferredDate) {
    const latest = new Date(
      `${input.preferredDate}T${SLOT_END_HOUR[input.preferredSlot ?? "evening"]}:00:00+08:00`,
    );
    if (latest.getTime() < now.getTime()) throw ApiError.badParam("preferred_date", "期望时间已过");
  }
  const set: Partial<typeof viewingRequests.$inferInsert> = {};
  if (input.preferredDate) {
    set.preferredDate = input.preferredDate;
    set.preferredSlot = input.preferredSlot ?? null;
  }
  if (input.message !== undefined) set.message = input.message;
  if (input.consent) {
    const tel = await verifiedTel(tx, request.tenantId);
    if (!tel) throw ApiError.badParam("tel", "请先验证手机号，房东需要能联系到你");
    set.consentAt = now;
    set.consentTel = tel;
  }
  if (Object.keys(set).length > 0)
    await tx.update(viewingRequests).set(set).where(eq(viewingRequests.id, request.id)).run();
}

/** Paying needs the recorded consent to share a verified number (status 8 otherwise). */
export function requireConsent(request: ViewingRequest): void {
  if (!request.consentAt || !request.consentTel)
    throw ApiError.conflict("请先验证手机号，并同意将手机号提供给该房东", {
      status: request.status,
      reason: "consent_required",
    });
}
