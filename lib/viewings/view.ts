import "server-only";
import { HouseStatus, type ViewingRequest, ViewingStatus } from "@/db/schema";
import {
  ACTION_TEXT,
  DEADLINES,
  type ViewingAction,
  ViewingPhase,
  type ViewingPhaseName,
} from "@/lib/viewings/states";

// What `order/list` and `order/detail` show beside the status: the deadlines that apply now and
// the actions the caller may take now (the same conditions the transitions are guarded by).

export type Role = "tenant" | "landlord";

export interface Deadline {
  kind: string;
  at: string;
  text: string;
}

const plus = (date: Date | null, ms: number) => (date ? new Date(date.getTime() + ms) : null);

export function deadlinesOf(request: ViewingRequest, now: Date): Deadline[] {
  const list: Array<{ kind: string; at: Date | null; text: string }> = [];
  const phase = request.phase as ViewingPhaseName;
  if (request.status === ViewingStatus.paid) {
    if (!request.landlordRespondedAt)
      list.push({
        kind: "landlord_response",
        at: plus(request.paidAt, DEADLINES.landlordResponse),
        text: "房东需在此前回应，否则自动退款",
      });
    if (phase === ViewingPhase.tenantUnreachable)
      list.push({
        kind: "tenant_response",
        at: plus(request.unreachableAt, DEADLINES.tenantUnreachable),
        text: "租客需在此前回应，否则自动退款",
      });
    if (phase === ViewingPhase.shown)
      list.push({
        kind: "shown_stands",
        at: plus(request.shownAt, DEADLINES.shownStands),
        text: "此前租客未提出异议，视为已看房",
      });
    if (phase === ViewingPhase.timeAgreed)
      list.push({
        kind: "viewed_after_agreed_time",
        at: plus(request.viewingAt, DEADLINES.afterAgreedTime),
        text: "看房时间过后 7 天无异议，视为已看房",
      });
    else if (phase !== ViewingPhase.shown)
      list.push({
        kind: "agree_time",
        at: plus(request.paidAt, DEADLINES.noAgreedTime),
        text: "此前未约定看房时间，自动退款",
      });
  } else if (request.status === ViewingStatus.viewed) {
    const end = plus(request.viewedAt, DEADLINES.refundAfterViewing);
    if (end && end > now)
      list.push({ kind: "refund_window", at: end, text: "此前可因与描述不符/虚假房源申请退款" });
  } else if (phase === ViewingPhase.refundRequested) {
    list.push({
      kind: "refund_decision",
      at: plus(request.refundRequestedAt, DEADLINES.refundDecision),
      text: "房东需在此前处理退款申请，否则自动退款",
    });
  }
  return list
    .filter((item): item is { kind: string; at: Date; text: string } => item.at !== null)
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .map((item) => ({ kind: item.kind, at: item.at.toISOString(), text: item.text }));
}

export function actionsOf(
  request: ViewingRequest,
  role: Role,
  now: Date,
  houseStatus: number,
): ViewingAction[] {
  const phase = request.phase as ViewingPhaseName;
  const actions: ViewingAction[] = [];
  if (request.status === ViewingStatus.pending) return role === "tenant" ? ["pay"] : [];
  if (request.status === ViewingStatus.paid) {
    const beforeViewing = phase !== ViewingPhase.shown;
    if (role === "landlord") {
      if (
        (phase === ViewingPhase.awaitingLandlord || phase === ViewingPhase.tenantUnreachable) &&
        request.preferredDate
      )
        actions.push("accept_time");
      if (phase !== ViewingPhase.timeAgreed && beforeViewing) actions.push("propose_time");
      if (phase !== ViewingPhase.tenantUnreachable && beforeViewing)
        actions.push("mark_unreachable");
      if (beforeViewing) actions.push("mark_shown");
      if (beforeViewing && houseStatus === HouseStatus.published) actions.push("mark_let");
    } else {
      if (phase === ViewingPhase.timeProposed) actions.push("accept_proposal", "decline_proposal");
      if (phase === ViewingPhase.tenantUnreachable) actions.push("confirm_reachable");
      actions.push("confirm_viewing", "request_refund");
    }
  } else if (request.status === ViewingStatus.viewed) {
    const end = plus(request.viewedAt, DEADLINES.refundAfterViewing);
    if (role === "tenant" && end && end >= now) actions.push("request_refund");
  } else if (phase === ViewingPhase.refundRequested && role === "landlord") {
    actions.push("accept_refund", "contest_refund");
  }
  return actions;
}

export const actionItems = (actions: ViewingAction[]) =>
  actions.map((action) => ({ action, text: ACTION_TEXT[action] }));
