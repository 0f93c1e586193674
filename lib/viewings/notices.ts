import "server-only";
import { eq } from "drizzle-orm";
import { houses, type ViewingRequest, viewingEvents, viewingRequests } from "@/db/schema";
import type { WriteTx } from "@/db/write";
import { notify } from "@/lib/notifications/notify";
import { SLOT_TEXT, type Slot, ViewingPhase } from "@/lib/viewings/states";

// What every transition shares: the request as read inside the write transaction, the event
// record (who, when) and the notifications to either side (once per event by its key).

type ActorRole = "tenant" | "landlord" | "admin" | "system";
export interface Actor {
  role: ActorRole;
  userId: number | null;
}
export const SYSTEM: Actor = { role: "system", userId: null };

export type LoadedRequest = ViewingRequest & { houseTitle: string; houseStatus: number };

export async function loadRequest(
  tx: WriteTx,
  requestId: number,
): Promise<LoadedRequest | undefined> {
  const row = await tx
    .select({ request: viewingRequests, title: houses.descriptionTitle, status: houses.status })
    .from(viewingRequests)
    .innerJoin(houses, eq(houses.id, viewingRequests.houseId))
    .where(eq(viewingRequests.id, requestId))
    .get();
  if (!row) return undefined;
  return { ...row.request, houseTitle: row.title ?? "房源", houseStatus: row.status };
}

export async function recordEvent(
  tx: WriteTx,
  requestId: number,
  kind: string,
  actor: Actor,
  at: Date,
  detail?: Record<string, string | null>,
): Promise<void> {
  await tx
    .insert(viewingEvents)
    .values({
      viewingRequestId: requestId,
      kind,
      actorId: actor.userId,
      actorRole: actor.role,
      detail: detail ? JSON.stringify(detail) : null,
      at,
    })
    .run();
}

/** Notifies the tenant or the landlord of one event of this request. */
export async function tell(
  tx: WriteTx,
  request: LoadedRequest,
  to: "tenant" | "landlord",
  event: { kind: string; key?: string; title: string; body: string; at: Date },
): Promise<boolean> {
  return notify(tx, {
    userId: to === "tenant" ? request.tenantId : request.ownerId,
    kind: event.kind,
    eventKey: `${event.kind}:${request.id}${event.key ? `:${event.key}` : ""}`,
    payload: {
      title: event.title,
      body: event.body,
      house_title: request.houseTitle,
      request_id: request.id,
    },
    link: "/viewings",
    now: event.at,
  });
}

export function timeText(date: string | null, slot: string | null): string | null {
  if (!date) return null;
  return `${date} ${slot ? (SLOT_TEXT[slot as Slot] ?? "") : ""}`.trim();
}

/** The fee was paid (inside the payment's transaction): the landlord is told, without the phone. */
export async function onViewingPaid(tx: WriteTx, requestId: number, at: Date): Promise<void> {
  await tx
    .update(viewingRequests)
    .set({ phase: ViewingPhase.awaitingLandlord })
    .where(eq(viewingRequests.id, requestId))
    .run();
  const request = await loadRequest(tx, requestId);
  if (!request) return;
  await recordEvent(tx, requestId, "paid", { role: "tenant", userId: request.tenantId }, at);
  const preferred = timeText(request.preferredDate, request.preferredSlot);
  await tell(tx, request, "landlord", {
    kind: "viewing_paid",
    title: "新的看房申请",
    body: `${request.houseTitle}：租客已支付看房信息费${preferred ? `，期望时间 ${preferred}` : ""}，请在 48 小时内回应。`,
    at,
  });
}

/** The provider confirmed the refund (inside the refund's success transaction). */
export async function onViewingRefunded(tx: WriteTx, requestId: number, at: Date): Promise<void> {
  await tx
    .update(viewingRequests)
    .set({ phase: ViewingPhase.refunded, refundedAt: at })
    .where(eq(viewingRequests.id, requestId))
    .run();
  const request = await loadRequest(tx, requestId);
  if (!request) return;
  await recordEvent(tx, requestId, "refunded", SYSTEM, at);
  const event = { kind: "viewing_refunded", at, title: "看房信息费已退款" };
  await tell(tx, request, "tenant", {
    ...event,
    body: `${request.houseTitle}：信息费已原路退回。`,
  });
  await tell(tx, request, "landlord", {
    ...event,
    body: `${request.houseTitle}：该看房申请已退款。`,
  });
}
