import "server-only";
import { and, asc, desc, eq, ne } from "drizzle-orm";
import { db } from "@/db";
import {
  HouseStatus,
  houses,
  type IdentityVerification,
  identityVerifications,
  type PropertyVerification,
  propertyVerifications,
} from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { ApiError } from "@/lib/api/errors";
import { listingAddress } from "@/lib/houses/listing";
import { confirmLinks } from "@/lib/houses/ownership";
import { log } from "@/lib/log";
import { fileUrl } from "@/lib/storage";
import {
  type VerificationKind,
  type VerificationTable,
  type VerificationType,
  verificationKinds,
} from "@/lib/verifications/kinds";

type VerificationStatus = IdentityVerification["status"];

function identityView(row: IdentityVerification) {
  return {
    status: row.status,
    reject_reason: row.rejectReason ?? "",
    realname: row.realName,
    idcardnumber_masked: row.idNumberMasked,
    submitted_at: row.updatedAt.toISOString(),
  };
}

/** The property's address as on its certificate: 小区 楼栋 单元 室, the parts given. */
export function certificateAddress(
  row: Pick<PropertyVerification, "community" | "building" | "unit" | "room">,
): string {
  return [
    row.community,
    row.building && `${row.building}栋`,
    row.unit && `${row.unit}单元`,
    row.room && `${row.room}室`,
  ]
    .filter(Boolean)
    .join(" ");
}

function propertyView(row: PropertyVerification) {
  return {
    id: row.id,
    status: row.status,
    reject_reason: row.rejectReason ?? "",
    property_cert_number: row.certNumber,
    house_type: row.houseType,
    address: certificateAddress(row),
    province_code: row.provinceCode,
    city_code: row.cityCode,
    county_code: row.countyCode,
    lease_start: row.leaseStart,
    lease_end: row.leaseEnd,
    documents_deleted: row.documentsDeletedAt !== null,
    submitted_at: row.updatedAt.toISOString(),
  };
}

/** What a user sees of their own verifications (no document URLs, masked ID number). */
export async function verificationStatus(userId: number) {
  const identity = await db()
    .select()
    .from(identityVerifications)
    .where(eq(identityVerifications.userId, userId))
    .get();
  const properties = await db()
    .select()
    .from(propertyVerifications)
    .where(eq(propertyVerifications.userId, userId))
    .orderBy(desc(propertyVerifications.updatedAt), desc(propertyVerifications.id));
  return {
    identity: identity
      ? identityView(identity)
      : {
          status: "none" as const,
          reject_reason: "",
          realname: "",
          idcardnumber_masked: "",
          submitted_at: "",
        },
    property: properties.map(propertyView),
  };
}

function review(row: IdentityVerification | PropertyVerification) {
  return {
    id: row.id,
    user_id: row.userId,
    reviewed_by: row.reviewedBy,
    reviewed_at: row.reviewedAt?.toISOString() ?? "",
    documents_deleted: row.documentsDeletedAt !== null,
  };
}

/** Document URLs for reviewers; none once the retention purge deleted the images. */
function documentUrl(row: IdentityVerification | PropertyVerification, key: string | null) {
  return row.documentsDeletedAt ? null : fileUrl(key);
}

/** Listings linked to a property verification, with the address the reviewer compares. */
async function linkedHouses(verificationId: number) {
  const rows = await db()
    .select()
    .from(houses)
    .where(
      and(
        eq(houses.propertyVerificationId, verificationId),
        ne(houses.status, HouseStatus.deleted),
      ),
    )
    .all();
  return rows.map((house) => ({
    id: house.id,
    title: house.descriptionTitle,
    address: listingAddress(house),
  }));
}

/** One kind's submissions in one state, oldest first. */
async function queue<Table extends VerificationTable>(
  kind: VerificationKind<Table>,
  status: VerificationStatus,
  limit: number,
) {
  const { table } = kind;
  return (await db()
    .select()
    .from(table)
    .where(eq(table.status, status))
    .orderBy(asc(table.updatedAt), asc(table.id))
    .limit(limit)) as Table["$inferSelect"][];
}

/** The review queue: oldest submissions first, documents as private /api/file URLs. */
export async function listVerifications(options: {
  status: VerificationStatus;
  type?: VerificationType;
  limit: number;
}) {
  const identity =
    options.type === "property"
      ? []
      : await queue(verificationKinds.identity, options.status, options.limit);
  const property =
    options.type === "identity"
      ? []
      : await queue(verificationKinds.property, options.status, options.limit);
  return {
    identity: identity.map((row) => ({
      ...identityView(row),
      ...review(row),
      portrait_url: documentUrl(row, row.portraitKey),
      idcardfront_url: documentUrl(row, row.frontKey),
      idcardback_url: documentUrl(row, row.backKey),
    })),
    property: await Promise.all(
      property.map(async (row) => ({
        ...propertyView(row),
        ...review(row),
        certname: row.certName,
        idcardnumber_masked: row.idNumberMasked,
        property_cert_photo_url: documentUrl(row, row.certPhotoKey),
        lease_agreement_photo_url: documentUrl(row, row.leasePhotoKey) ?? "",
        linked_houses: await linkedHouses(row.id),
      })),
    ),
  };
}

export interface Decision {
  type: VerificationType;
  id: number;
  decision: "approve" | "reject";
  /** Required when rejecting; shown to the user. */
  reason?: string;
  reviewerId: number;
}

/** Approves or rejects a pending submission; anything already decided is a conflict. */
export async function decideVerification(input: Decision) {
  const { table } = verificationKinds[input.type];
  if (input.decision === "reject" && !input.reason)
    throw ApiError.badParam("reason", "驳回时必须填写原因");
  const row = await writeTransaction(async (tx) => {
    const updated = await tx
      .update(table)
      .set({
        status: input.decision === "approve" ? "approved" : "rejected",
        rejectReason: input.decision === "reject" ? input.reason : null,
        reviewedBy: input.reviewerId,
        reviewedAt: new Date(),
      })
      .where(and(eq(table.id, input.id), eq(table.status, "pending")))
      .returning({ id: table.id, status: table.status })
      .get();
    if (updated) {
      // Approving a property verification confirms the certificate address of the listings
      // linked to it (the review page shows them beside the certificate).
      if (input.type === "property" && updated.status === "approved")
        await confirmLinks(tx, { verificationId: updated.id }, new Date());
      return updated;
    }
    const current = await tx
      .select({ status: table.status })
      .from(table)
      .where(eq(table.id, input.id))
      .get();
    if (!current) throw ApiError.notFound("认证申请");
    throw ApiError.conflict(`该申请已处理（当前状态 ${current.status}），只能处理待审核的申请`, {
      status: current.status,
    });
  });
  log.info("verification.decided", {
    type: input.type,
    id: row.id,
    status: row.status,
    reviewerId: input.reviewerId,
  });
  return { type: input.type, id: row.id, status: row.status };
}
