import "server-only";
import { and, asc, desc, eq, inArray, or } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { db } from "@/db";
import {
  HouseStatus,
  housePhotos,
  houses,
  paymentAttempts,
  refunds,
  users,
  type ViewingRequest,
  ViewingStatus,
  viewingRequests,
} from "@/db/schema";
import { cachedScores, zhimaBand } from "@/lib/alipay/zhima";
import { ApiError } from "@/lib/api/errors";
import { writeWithPhoneCode } from "@/lib/phone/codes";
import { fileUrl } from "@/lib/storage";
import { displayName } from "@/lib/users/display-name";
import { type BeforePaying, recordBeforePaying } from "@/lib/viewings/consent";
import { timeText } from "@/lib/viewings/notices";
import { refundPhotoUrls } from "@/lib/viewings/refund-photos";
import {
  PHASE_TEXT,
  REFUND_REASON_TEXT,
  type RefundReason,
  type ViewingPhaseName,
} from "@/lib/viewings/states";
import { actionItems, actionsOf, deadlinesOf } from "@/lib/viewings/view";

// Viewing requests (看房申请): a tenant asks to view a published listing and pays the viewing fee.
// Legacy status numbers are kept: 1 pending payment, 2 paid, 3 viewed, 4 refund requested, 5 refunded.

export const OPEN_STATUSES = [
  ViewingStatus.pending,
  ViewingStatus.paid,
  ViewingStatus.refundRequested,
];

const STATUS_TEXT: Record<number, string> = {
  1: "待支付",
  2: "已支付",
  3: "已看房",
  4: "申请退款",
  5: "已退款",
};

/**
 * Creates the caller's request for a listing, or returns their open one: the listing must be
 * published and belong to owner_id, and nobody may request their own listing. The partial unique
 * index (one open request per tenant and listing) makes concurrent calls converge on one row.
 * While unpaid, the verified number, consent, preferred time and message sent are recorded.
 */
export async function createViewingRequest(
  tenantId: number,
  input: { ownerId: number; houseId: number; creditConsent?: boolean } & BeforePaying,
  now = new Date(),
): Promise<number> {
  const house = await db().query.houses.findFirst({ where: eq(houses.id, input.houseId) });
  if (!house || house.status !== HouseStatus.published)
    throw ApiError.badParam("house_id", "房源不存在或未发布");
  if (house.userId !== input.ownerId) throw ApiError.badParam("owner_id", "不是该房源的房东");
  if (tenantId === house.userId)
    throw ApiError.forbidden("看房人与房东不能是同一人，不能预约自己的房源");

  return writeWithPhoneCode(async (tx) => {
    const [created] = await tx
      .insert(viewingRequests)
      .values({
        houseId: house.id,
        ownerId: house.userId,
        tenantId,
        creditConsent: input.creditConsent ?? false,
      })
      .onConflictDoNothing()
      .returning({
        id: viewingRequests.id,
        tenantId: viewingRequests.tenantId,
        status: viewingRequests.status,
      });
    if (created) {
      await recordBeforePaying(tx, created, input, now);
      return created.id;
    }
    const [open] = await tx
      .select({
        id: viewingRequests.id,
        tenantId: viewingRequests.tenantId,
        status: viewingRequests.status,
      })
      .from(viewingRequests)
      .where(
        and(
          eq(viewingRequests.tenantId, tenantId),
          eq(viewingRequests.houseId, house.id),
          inArray(viewingRequests.status, OPEN_STATUSES),
        ),
      )
      .limit(1);
    if (!open) throw new Error("viewing request insert ignored without an open request");
    await recordBeforePaying(tx, open, input, now);
    // Asking again with the consent given (or withdrawn) changes it for the open request.
    if (input.creditConsent !== undefined)
      await tx
        .update(viewingRequests)
        .set({ creditConsent: input.creditConsent })
        .where(eq(viewingRequests.id, open.id));
    return open.id;
  });
}

/** The request if the user is its tenant or landlord; otherwise "not found" (no probing). */
export async function visibleViewingRequest(
  userId: number,
  requestId: number,
): Promise<ViewingRequest> {
  const request = await db().query.viewingRequests.findFirst({
    where: and(
      eq(viewingRequests.id, requestId),
      or(eq(viewingRequests.tenantId, userId), eq(viewingRequests.ownerId, userId)),
    ),
  });
  if (!request) throw ApiError.notFound("看房申请");
  return request;
}

const tenant = alias(users, "tenant");
const owner = alias(users, "owner");

type Person = typeof users.$inferSelect;

const contact = (person: Person, tel: string | null) => ({
  nickname: displayName(person.nickname, person.wxNickname),
  tel,
  wechat: person.wechat,
});

async function coverThumbs(houseIds: number[]): Promise<Map<number, string | null>> {
  if (houseIds.length === 0) return new Map();
  const photos = await db()
    .select()
    .from(housePhotos)
    .where(inArray(housePhotos.houseId, houseIds))
    .orderBy(asc(housePhotos.sortOrder), asc(housePhotos.id));
  const covers = await db()
    .select({ id: houses.id, coverPhotoId: houses.coverPhotoId })
    .from(houses)
    .where(inArray(houses.id, houseIds));
  const result = new Map<number, string | null>();
  for (const { id, coverPhotoId } of covers) {
    const mine = photos.filter((photo) => photo.houseId === id);
    const cover = mine.find((photo) => photo.id === coverPhotoId) ?? mine[0];
    result.set(id, fileUrl(cover?.thumbKey));
  }
  return result;
}

type Role = "tenant" | "landlord";

const PROVIDER_TEXT = { alipay: "支付宝", wxpay: "微信支付" } as const;

type Payment = { provider: keyof typeof PROVIDER_TEXT; refundStatus: string | null };

/** The provider of each request's paying attempt (paid, or refunded later) and its refund. */
async function paymentProviders(requestIds: number[]): Promise<Map<number, Payment>> {
  if (requestIds.length === 0) return new Map();
  const rows = await db()
    .select({
      requestId: paymentAttempts.viewingRequestId,
      provider: paymentAttempts.provider,
      refundStatus: refunds.status,
    })
    .from(paymentAttempts)
    .leftJoin(refunds, eq(refunds.paymentAttemptId, paymentAttempts.id))
    .where(
      and(
        inArray(paymentAttempts.viewingRequestId, requestIds),
        inArray(paymentAttempts.status, ["paid", "refunded"]),
      ),
    )
    .orderBy(desc(paymentAttempts.paidAt));
  const result = new Map<number, Payment>();
  for (const row of rows)
    if (!result.has(row.requestId))
      result.set(row.requestId, { provider: row.provider, refundStatus: row.refundStatus });
  return result;
}

async function requestRows(where: ReturnType<typeof and>) {
  return db()
    .select({ request: viewingRequests, house: houses, tenant, owner })
    .from(viewingRequests)
    .innerJoin(houses, eq(houses.id, viewingRequests.houseId))
    .innerJoin(tenant, eq(tenant.id, viewingRequests.tenantId))
    .innerJoin(owner, eq(owner.id, viewingRequests.ownerId))
    .where(where)
    .orderBy(desc(viewingRequests.createdAt), desc(viewingRequests.id));
}

type Row = Awaited<ReturnType<typeof requestRows>>[number];

function present(
  row: Row,
  role: Role,
  thumbs: Map<number, string | null>,
  providers: Map<number, Payment>,
  scores: Map<number, number>,
  now: Date,
) {
  const { request, house } = row;
  const payment = providers.get(request.id);
  const provider = payment?.provider ?? null;
  // Contact details are what the viewing fee pays for: shown to both sides while the request is
  // paid or viewed, hidden again once a refund is under way. The tenant's number is the verified
  // one they agreed to share with this landlord.
  const visible = request.status === ViewingStatus.paid || request.status === ViewingStatus.viewed;
  const counterpart = role === "tenant" ? row.owner : row.tenant;
  const counterpartTel = role === "tenant" ? row.owner.tel : (request.consentTel ?? row.tenant.tel);
  return {
    id: request.id,
    status: request.status,
    status_text: STATUS_TEXT[request.status] ?? "未知",
    phase: request.phase,
    phase_text: PHASE_TEXT[request.phase as ViewingPhaseName] ?? request.phase,
    preferred_time: timeText(request.preferredDate, request.preferredSlot),
    message: request.message,
    proposed_time: timeText(request.proposedDate, request.proposedSlot),
    agreed_time: timeText(request.agreedDate, request.agreedSlot),
    consent_at: request.consentAt?.toISOString() ?? null,
    landlord_responded_at: request.landlordRespondedAt?.toISOString() ?? null,
    viewed_at: request.viewedAt?.toISOString() ?? null,
    refund:
      request.refundRequestedAt || request.refundApprovedAt
        ? {
            reason: request.refundReason,
            reason_text: request.refundReason
              ? (REFUND_REASON_TEXT[request.refundReason as RefundReason] ?? null)
              : null,
            text: request.refundText,
            photos: refundPhotoUrls(request.refundPhotos),
            requested_at: request.refundRequestedAt?.toISOString() ?? null,
            approved_at: request.refundApprovedAt?.toISOString() ?? null,
            refunded_at: request.refundedAt?.toISOString() ?? null,
            provider_status: payment?.refundStatus ?? null,
          }
        : null,
    deadlines: deadlinesOf(request, now),
    actions: actionItems(actionsOf(request, role, now, house.status)),
    created_at: request.createdAt.toISOString(),
    paid_at: request.paidAt?.toISOString() ?? null,
    /** How the fee was paid: "alipay" | "wxpay", null while unpaid. */
    payment_provider: provider,
    payment_provider_text: provider ? PROVIDER_TEXT[provider] : null,
    listing: {
      house_id: house.id,
      title: house.descriptionTitle,
      community: house.districtName,
      rent: house.houseRent,
      cover_thumb_url: thumbs.get(house.id) ?? null,
    },
    counterpart_nickname: displayName(counterpart.nickname, counterpart.wxNickname),
    contact: visible ? contact(counterpart, counterpartTel) : null,
    // The landlord sees a band of a paying tenant's Zhima score, only with the tenant's consent.
    tenant_credit_band:
      role === "landlord" && visible && request.creditConsent
        ? zhimaBand(scores.get(request.tenantId))
        : null,
    credit_consent: request.creditConsent,
  };
}

export type ViewingRequestItem = ReturnType<typeof present>;

export async function listViewingRequests(userId: number, now = new Date()) {
  const [asTenant, asLandlord] = await Promise.all([
    requestRows(and(eq(viewingRequests.tenantId, userId))),
    requestRows(and(eq(viewingRequests.ownerId, userId))),
  ]);
  const thumbs = await coverThumbs([
    ...new Set([...asTenant, ...asLandlord].map((row) => row.house.id)),
  ]);
  const providers = await paymentProviders(
    [...asTenant, ...asLandlord].map((row) => row.request.id),
  );
  const scores = await cachedScores(asLandlord.map((row) => row.request.tenantId));
  return {
    as_tenant: asTenant.map((row) => present(row, "tenant", thumbs, providers, scores, now)),
    as_landlord: asLandlord.map((row) => present(row, "landlord", thumbs, providers, scores, now)),
  };
}

export async function viewingRequestDetail(userId: number, requestId: number, now = new Date()) {
  const request = await visibleViewingRequest(userId, requestId);
  const [row] = await requestRows(and(eq(viewingRequests.id, request.id)));
  if (!row) throw ApiError.notFound("看房申请");
  const role: Role = request.tenantId === userId ? "tenant" : "landlord";
  const thumbs = await coverThumbs([row.house.id]);
  const providers = await paymentProviders([request.id]);
  const scores = await cachedScores(role === "landlord" ? [request.tenantId] : []);
  return { role, ...present(row, role, thumbs, providers, scores, now) };
}
