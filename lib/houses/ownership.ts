import "server-only";
import { and, eq, isNotNull, isNull } from "drizzle-orm";
import { db, rawStatement } from "@/db";
import { houses, moderationFlags, propertyVerifications } from "@/db/schema";
import { type WriteTx, writeTransaction } from "@/db/write";
import { ApiError } from "@/lib/api/errors";
import { type Connection, ownedHouse } from "@/lib/houses/access";
import { addNote } from "@/lib/moderation/flags";
import { ownerVerifiedSql } from "@/lib/search/query";

// Ownership per listing: a listing links one property verification of its owner. It shows
// 房东本人 only when that verification is approved, is of type 1 (own property), an admin
// confirmed its address is this listing's, and the certificate holder's name equals the owner's
// approved real name (ownerVerifiedSql, also the search filter). A confirmed re-let (type 2)
// shows 转租 with the lease dates. Unlinked listings show no ownership badge.

export interface Ownership {
  badge: "owner" | "relet" | null;
  badge_text: string;
  lease_start: string | null;
  lease_end: string | null;
  property_verification_id: number | null;
  /** Linked, but the admin has not yet confirmed the address. */
  link_pending: boolean;
}

const OWNER_VERIFIED = `SELECT ${ownerVerifiedSql("h")} AS v FROM houses h WHERE h.id = ?`;

export async function houseOwnership(houseId: number): Promise<Ownership> {
  const house = await db().select().from(houses).where(eq(houses.id, houseId)).get();
  const none: Ownership = {
    badge: null,
    badge_text: "",
    lease_start: null,
    lease_end: null,
    property_verification_id: house?.propertyVerificationId ?? null,
    link_pending: false,
  };
  if (!house?.propertyVerificationId) return none;
  const verification = await db()
    .select()
    .from(propertyVerifications)
    .where(eq(propertyVerifications.id, house.propertyVerificationId))
    .get();
  if (!verification || verification.userId !== house.userId) return none;
  if (!house.propertyLinkConfirmedAt) return { ...none, link_pending: true };
  if (verification.status !== "approved") return none;
  if (verification.houseType === 2) {
    const dates =
      verification.leaseStart && verification.leaseEnd
        ? `（租约 ${verification.leaseStart} 至 ${verification.leaseEnd}）`
        : "";
    return {
      ...none,
      badge: "relet",
      badge_text: `转租${dates}`,
      lease_start: verification.leaseStart,
      lease_end: verification.leaseEnd,
    };
  }
  const row = await rawStatement<{ v: number }>(OWNER_VERIFIED).get([houseId]);
  return row?.v === 1 ? { ...none, badge: "owner", badge_text: "房东本人" } : none;
}

async function linkable(conn: Connection, userId: number, verificationId: number) {
  const verification = await conn
    .select()
    .from(propertyVerifications)
    .where(eq(propertyVerifications.id, verificationId))
    .get();
  if (!verification || verification.userId !== userId)
    throw ApiError.badParam("property_verification_id", "不是您的房产认证");
  if (verification.status === "rejected")
    throw ApiError.conflict("该房产认证未通过，不能关联；请重新提交认证");
  if (verification.documentsDeletedAt)
    throw ApiError.conflict(
      "该房产认证的证件已按期删除（审核 180 天后），关联新房源需重新提交房产认证",
    );
  return verification;
}

/**
 * Links the listing to one of the owner's property verifications (0 unlinks). A new link is
 * unconfirmed: approving a pending verification confirms the address of the listings linked to
 * it, and a link to an already approved one goes to the moderation queue for the admin.
 */
export async function linkVerification(
  userId: number,
  houseId: number,
  verificationId: number,
  now = new Date(),
) {
  return writeTransaction(async (tx) => {
    const house = await ownedHouse(tx, houseId, userId);
    if (verificationId === 0) {
      await tx
        .update(houses)
        .set({ propertyVerificationId: null, propertyLinkConfirmedAt: null })
        .where(eq(houses.id, house.id))
        .run();
      await resolvePropertyLinkFlags(tx, house.id, now);
      return { property_verification_id: null, link_pending: false };
    }
    if (house.propertyVerificationId === verificationId)
      return {
        property_verification_id: verificationId,
        link_pending: !house.propertyLinkConfirmedAt,
      };
    const verification = await linkable(tx, userId, verificationId);
    await tx
      .update(houses)
      .set({ propertyVerificationId: verificationId, propertyLinkConfirmedAt: null })
      .where(eq(houses.id, house.id))
      .run();
    await resolvePropertyLinkFlags(tx, house.id, now);
    if (verification.status === "approved") {
      await addNote(tx, {
        houseId: house.id,
        kind: "property_link",
        detail: `房源关联了已通过的房产认证 #${verification.id}，请核对证上地址与房源地址是否一致`,
        now,
      });
    }
    return { property_verification_id: verificationId, link_pending: true };
  });
}

async function resolvePropertyLinkFlags(tx: WriteTx, houseId: number, now: Date) {
  await tx
    .update(moderationFlags)
    .set({ resolvedAt: now })
    .where(
      and(
        eq(moderationFlags.houseId, houseId),
        eq(moderationFlags.kind, "property_link"),
        isNull(moderationFlags.resolvedAt),
      ),
    )
    .run();
}

/** The admin confirmed the address: every unconfirmed link to the verification becomes confirmed. */
export async function confirmLinks(
  tx: WriteTx,
  where: { verificationId?: number; houseId?: number },
  now: Date,
): Promise<number> {
  const condition = where.houseId
    ? eq(houses.id, where.houseId)
    : eq(houses.propertyVerificationId, where.verificationId as number);
  const confirmed = await tx
    .update(houses)
    .set({ propertyLinkConfirmedAt: now })
    .where(
      and(
        condition,
        isNull(houses.propertyLinkConfirmedAt),
        isNotNull(houses.propertyVerificationId),
      ),
    )
    .returning({ id: houses.id })
    .all();
  for (const house of confirmed) await resolvePropertyLinkFlags(tx, house.id, now);
  return confirmed.length;
}
