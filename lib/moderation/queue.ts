import "server-only";
import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import { db, rawStatement } from "@/db";
import {
  housePhotos,
  houses,
  listingReports,
  moderationDecisions,
  moderationFlags,
  propertyVerifications,
  users,
} from "@/db/schema";
import { USER_TYPE_LABELS } from "@/lib/houses/lifecycle";
import { listingAddress } from "@/lib/houses/listing";
import { DECISION_TEXT, MODERATION_STATE_TEXT } from "@/lib/moderation/decisions";
import { REPORT_REASONS } from "@/lib/moderation/reports";
import { fileUrl } from "@/lib/storage";
import { displayName } from "@/lib/users/display-name";
import { certificateAddress } from "@/lib/verifications/review";

// The admin's moderation queue: every listing with an unresolved finding or report, oldest
// case first, with the evidence (both listings of a copied photo side by side, the reports,
// the linked certificate's address) and the decisions taken so far.

const QUEUE_SQL = `SELECT house_id, min(created_at) AS since FROM (
  SELECT house_id, created_at FROM moderation_flags WHERE resolved_at IS NULL
  UNION ALL SELECT house_id, created_at FROM listing_reports WHERE resolved_at IS NULL
) GROUP BY house_id ORDER BY since, house_id LIMIT ?`;

async function listingSummary(houseId: number) {
  const house = await db().select().from(houses).where(eq(houses.id, houseId)).get();
  if (!house) return null;
  const owner = await db().select().from(users).where(eq(users.id, house.userId)).get();
  const photos = await db()
    .select()
    .from(housePhotos)
    .where(eq(housePhotos.houseId, houseId))
    .orderBy(asc(housePhotos.sortOrder), asc(housePhotos.id))
    .limit(6)
    .all();
  return {
    id: house.id,
    title: house.descriptionTitle,
    status: house.status,
    moderation_state: house.moderationState,
    moderation_state_text: MODERATION_STATE_TEXT[house.moderationState] ?? "",
    owner_id: house.userId,
    owner_nickname: displayName(owner?.nickname, owner?.wxNickname) ?? "",
    owner_user_type_text: USER_TYPE_LABELS[owner?.userType ?? 0] ?? "",
    address: listingAddress(house),
    photos: photos.map((photo) => ({ id: photo.id, thumb_url: fileUrl(photo.thumbKey) ?? "" })),
  };
}

async function linkedCertificate(verificationId: number | null) {
  if (!verificationId) return null;
  const row = await db()
    .select()
    .from(propertyVerifications)
    .where(eq(propertyVerifications.id, verificationId))
    .get();
  if (!row) return null;
  return {
    id: row.id,
    status: row.status,
    house_type: row.houseType,
    address: certificateAddress(row),
  };
}

export async function moderationQueue(limit = 50) {
  const rows = await rawStatement<{ house_id: number }>(QUEUE_SQL).all([limit]);
  const ids = rows.map((row) => row.house_id);
  if (ids.length === 0) return { items: [] };
  const flags = await db()
    .select()
    .from(moderationFlags)
    .where(and(inArray(moderationFlags.houseId, ids), isNull(moderationFlags.resolvedAt)))
    .orderBy(asc(moderationFlags.id))
    .all();
  const reports = await db()
    .select()
    .from(listingReports)
    .where(and(inArray(listingReports.houseId, ids), isNull(listingReports.resolvedAt)))
    .orderBy(asc(listingReports.id))
    .all();
  const decisions = await db()
    .select()
    .from(moderationDecisions)
    .where(inArray(moderationDecisions.houseId, ids))
    .orderBy(desc(moderationDecisions.id))
    .all();
  const photoUrl = async (photoId: number | null) => {
    if (!photoId) return null;
    const photo = await db().select().from(housePhotos).where(eq(housePhotos.id, photoId)).get();
    return fileUrl(photo?.thumbKey) ?? null;
  };
  const perListing = await Promise.all(
    ids.map(async (id) => {
      const listing = await listingSummary(id);
      if (!listing) return [];
      const house = await db()
        .select({
          verificationId: houses.propertyVerificationId,
          confirmed: houses.propertyLinkConfirmedAt,
        })
        .from(houses)
        .where(eq(houses.id, id))
        .get();
      return [
        {
          listing,
          certificate: await linkedCertificate(house?.verificationId ?? null),
          link_confirmed: Boolean(house?.confirmed),
          flags: await Promise.all(
            flags
              .filter((flag) => flag.houseId === id)
              .map(async (flag) => ({
                id: flag.id,
                kind: flag.kind,
                detail: flag.detail,
                created_at: flag.createdAt.toISOString(),
                photo_url: await photoUrl(flag.photoId),
                other_photo_url: await photoUrl(flag.otherPhotoId),
                other_listing: flag.otherHouseId ? await listingSummary(flag.otherHouseId) : null,
              })),
          ),
          reports: reports
            .filter((report) => report.houseId === id)
            .map((report) => ({
              id: report.id,
              reporter_id: report.reporterId,
              reason: report.reason,
              reason_text: REPORT_REASONS[report.reason] ?? "",
              text: report.text,
              paid_viewing: report.paidViewing,
              created_at: report.createdAt.toISOString(),
            })),
          decisions: decisions
            .filter((decision) => decision.houseId === id)
            .map((decision) => ({
              id: decision.id,
              decision: decision.decision,
              decision_text: DECISION_TEXT[decision.decision],
              reason: decision.reason,
              on_appeal: decision.onAppeal,
              appeal_text: decision.appealText,
              created_at: decision.createdAt.toISOString(),
            })),
        },
      ];
    }),
  );
  return { items: perListing.flat() };
}
