import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { db } from "@/db";
import { houses, users, viewingEvents, viewingRequests } from "@/db/schema";
import { displayName } from "@/lib/users/display-name";
import { refundPhotoUrls } from "@/lib/viewings/refund-photos";
import { REFUND_REASON_TEXT, type RefundReason, ViewingPhase } from "@/lib/viewings/states";

// The admin queue /admin/disputes: refunds a landlord contested, and the decisions taken.

const tenant = alias(users, "tenant");
const owner = alias(users, "owner");

type Detail = Record<string, string | null>;
const parse = (detail: string | null): Detail => (detail ? (JSON.parse(detail) as Detail) : {});

export interface DisputeItem {
  pre_order_id: number;
  status: number;
  phase: string;
  house_id: number;
  house_title: string | null;
  tenant_nickname: string | null;
  landlord_nickname: string | null;
  refund_reason_text: string | null;
  refund_text: string | null;
  refund_photos: string[];
  refund_requested_at: string | null;
  contest_reason: string | null;
  contested_at: string | null;
  decision: {
    decision: "refund" | "reject";
    reason: string | null;
    admin_id: number | null;
    at: string;
  } | null;
}

export async function listDisputes(): Promise<{ open: DisputeItem[]; decided: DisputeItem[] }> {
  const contested = await db()
    .select({ requestId: viewingEvents.viewingRequestId })
    .from(viewingEvents)
    .where(eq(viewingEvents.kind, "refund_contested"))
    .orderBy(desc(viewingEvents.at))
    .limit(200);
  const ids = [...new Set(contested.map((row) => row.requestId))];
  if (ids.length === 0) return { open: [], decided: [] };
  const rows = await db()
    .select({ request: viewingRequests, house: houses, tenant, owner })
    .from(viewingRequests)
    .innerJoin(houses, eq(houses.id, viewingRequests.houseId))
    .innerJoin(tenant, eq(tenant.id, viewingRequests.tenantId))
    .innerJoin(owner, eq(owner.id, viewingRequests.ownerId))
    .where(inArray(viewingRequests.id, ids));
  const events = await db()
    .select()
    .from(viewingEvents)
    .where(
      and(
        inArray(viewingEvents.viewingRequestId, ids),
        inArray(viewingEvents.kind, ["refund_contested", "dispute_refund", "dispute_reject"]),
      ),
    )
    .orderBy(desc(viewingEvents.at), desc(viewingEvents.id));
  const items = rows.map(({ request, house, tenant, owner }): DisputeItem => {
    const mine = events.filter((event) => event.viewingRequestId === request.id);
    const contest = mine.find((event) => event.kind === "refund_contested");
    const decided = mine.find((event) => event.kind !== "refund_contested");
    return {
      pre_order_id: request.id,
      status: request.status,
      phase: request.phase,
      house_id: house.id,
      house_title: house.descriptionTitle,
      tenant_nickname: displayName(tenant.nickname, tenant.wxNickname),
      landlord_nickname: displayName(owner.nickname, owner.wxNickname),
      refund_reason_text: request.refundReason
        ? (REFUND_REASON_TEXT[request.refundReason as RefundReason] ?? null)
        : null,
      refund_text: request.refundText,
      refund_photos: refundPhotoUrls(request.refundPhotos),
      refund_requested_at: request.refundRequestedAt?.toISOString() ?? null,
      contest_reason: contest ? (parse(contest.detail).reason ?? null) : null,
      contested_at: contest?.at.toISOString() ?? null,
      decision:
        decided && request.phase !== ViewingPhase.contested
          ? {
              decision:
                decided.kind === "dispute_refund" ? ("refund" as const) : ("reject" as const),
              reason: parse(decided.detail).reason ?? null,
              admin_id: decided.actorId,
              at: decided.at.toISOString(),
            }
          : null,
    };
  });
  const byContest = (a: DisputeItem, b: DisputeItem) =>
    (a.contested_at ?? "").localeCompare(b.contested_at ?? "");
  return {
    open: items.filter((item) => item.phase === ViewingPhase.contested).sort(byContest),
    decided: items
      .filter((item) => item.decision !== null)
      .sort((a, b) => (b.decision?.at ?? "").localeCompare(a.decision?.at ?? ""))
      .slice(0, 50),
  };
}
