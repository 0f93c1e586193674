import "server-only";
import { and, asc, desc, eq, inArray, or } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { db } from "@/db";
import {
  HouseStatus,
  housePhotos,
  houses,
  paymentAttempts,
  users,
  type ViewingRequest,
  ViewingStatus,
  viewingRequests,
} from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { ApiError } from "@/lib/api/errors";
import { fileUrl } from "@/lib/storage";
import { displayName } from "@/lib/users/display-name";

// Viewing requests (看房申请): a tenant asks to view a published listing and pays the viewing fee.
// Legacy status numbers are kept: 1 pending payment, 2 paid, 3 viewed, 4 refund requested, 5 refunded.

const OPEN_STATUSES = [ViewingStatus.pending, ViewingStatus.paid];

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
 */
export async function createViewingRequest(
  tenantId: number,
  input: { ownerId: number; houseId: number },
): Promise<number> {
  const house = await db().query.houses.findFirst({ where: eq(houses.id, input.houseId) });
  if (!house || house.status !== HouseStatus.published)
    throw ApiError.badParam("house_id", "房源不存在或未发布");
  if (house.userId !== input.ownerId) throw ApiError.badParam("owner_id", "不是该房源的房东");
  if (tenantId === house.userId)
    throw ApiError.forbidden("看房人与房东不能是同一人，不能预约自己的房源");

  return writeTransaction(async (tx) => {
    const [created] = await tx
      .insert(viewingRequests)
      .values({ houseId: house.id, ownerId: house.userId, tenantId })
      .onConflictDoNothing()
      .returning({ id: viewingRequests.id });
    if (created) return created.id;
    const [open] = await tx
      .select({ id: viewingRequests.id })
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

const contact = (person: Person) => ({
  nickname: displayName(person.nickname, person.wxNickname),
  tel: person.tel,
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

export const PROVIDER_TEXT = { alipay: "支付宝", wxpay: "微信支付" } as const;

/** The provider of each request's paying attempt (paid, or refunded later). */
async function paymentProviders(
  requestIds: number[],
): Promise<Map<number, keyof typeof PROVIDER_TEXT>> {
  if (requestIds.length === 0) return new Map();
  const rows = await db()
    .select({ requestId: paymentAttempts.viewingRequestId, provider: paymentAttempts.provider })
    .from(paymentAttempts)
    .where(
      and(
        inArray(paymentAttempts.viewingRequestId, requestIds),
        inArray(paymentAttempts.status, ["paid", "refunded"]),
      ),
    )
    .orderBy(desc(paymentAttempts.paidAt));
  const result = new Map<number, keyof typeof PROVIDER_TEXT>();
  for (const row of rows) if (!result.has(row.requestId)) result.set(row.requestId, row.provider);
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
  providers: Map<number, keyof typeof PROVIDER_TEXT>,
) {
  const { request, house } = row;
  const provider = providers.get(request.id) ?? null;
  const paid = request.status >= ViewingStatus.paid;
  const counterpart = role === "tenant" ? row.owner : row.tenant;
  return {
    id: request.id,
    status: request.status,
    status_text: STATUS_TEXT[request.status] ?? "未知",
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
    // Contact details are what the viewing fee pays for: shown to both sides once paid.
    contact: paid ? contact(counterpart) : null,
  };
}

export type ViewingRequestItem = ReturnType<typeof present>;

export async function listViewingRequests(userId: number) {
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
  return {
    as_tenant: asTenant.map((row) => present(row, "tenant", thumbs, providers)),
    as_landlord: asLandlord.map((row) => present(row, "landlord", thumbs, providers)),
  };
}

export async function viewingRequestDetail(userId: number, requestId: number) {
  const request = await visibleViewingRequest(userId, requestId);
  const [row] = await requestRows(and(eq(viewingRequests.id, request.id)));
  if (!row) throw ApiError.notFound("看房申请");
  const role: Role = request.tenantId === userId ? "tenant" : "landlord";
  const thumbs = await coverThumbs([row.house.id]);
  const providers = await paymentProviders([request.id]);
  return { role, ...present(row, role, thumbs, providers) };
}
