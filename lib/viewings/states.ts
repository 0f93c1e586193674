// client-safe: the viewing pages show these states, so no server imports (scripts/check-layers.ts).
// The states of a viewing request (看房申请) after the legacy status numbers, and the fixed
// rules' durations. Client-safe: the pages import the texts and types.
//
// `status` keeps the legacy numbers for old clients; `phase` says what they cannot express.
//   status 1: awaiting_payment
//   status 2: awaiting_landlord → time_proposed ⇄ awaiting_landlord, → time_agreed, → shown
//             (landlord's 已带看), → tenant_unreachable (landlord's 联系不上租客)
//   status 3: viewed
//   status 4: refund_requested (landlord decides) → contested (admin decides) → refunding →
//             refund_failed (the job retries)
//   status 5: refunded

export const ViewingPhase = {
  awaitingPayment: "awaiting_payment",
  awaitingLandlord: "awaiting_landlord",
  timeProposed: "time_proposed",
  timeAgreed: "time_agreed",
  tenantUnreachable: "tenant_unreachable",
  shown: "shown",
  viewed: "viewed",
  refundRequested: "refund_requested",
  contested: "contested",
  refunding: "refunding",
  refundFailed: "refund_failed",
  refunded: "refunded",
} as const;

export type ViewingPhaseName = (typeof ViewingPhase)[keyof typeof ViewingPhase];

export const PHASE_TEXT: Record<ViewingPhaseName, string> = {
  awaiting_payment: "待支付",
  awaiting_landlord: "等待房东回应",
  time_proposed: "房东提议了新时间",
  time_agreed: "已约定看房时间",
  tenant_unreachable: "房东联系不上你",
  shown: "房东已带看，待确认",
  viewed: "已看房",
  refund_requested: "已申请退款，等待房东处理",
  contested: "房东有异议，平台处理中",
  refunding: "退款处理中",
  refund_failed: "退款失败，正在重试",
  refunded: "已退款",
};

export const SLOTS = ["morning", "afternoon", "evening"] as const;
export type Slot = (typeof SLOTS)[number];
export const SLOT_TEXT: Record<Slot, string> = {
  morning: "上午",
  afternoon: "下午",
  evening: "晚上",
};
/** A slot ends at this hour, China time: the "agreed time" of the 7-day rule. */
export const SLOT_END_HOUR: Record<Slot, number> = { morning: 12, afternoon: 18, evening: 22 };

export const REFUND_REASONS = [
  "unreachable",
  "let",
  "not_as_described",
  "no_show",
  "other",
] as const;
export type RefundReason = (typeof REFUND_REASONS)[number];
export const REFUND_REASON_TEXT: Record<RefundReason, string> = {
  unreachable: "房东联系不上",
  let: "房源已出租",
  not_as_described: "与描述不符/虚假房源",
  no_show: "房东爽约",
  other: "其他",
};
/** The reasons a refund request may carry photos with (at most `MAX_REFUND_PHOTOS`). */
export const PHOTO_REASONS: ReadonlySet<RefundReason> = new Set(["not_as_described", "other"]);
export const MAX_REFUND_PHOTOS = 3;

const HOUR_MS = 3_600_000;
/** The rules' durations; each is a job step deadline (lib/viewings/rules.ts). */
export const DEADLINES = {
  landlordReminder: 24 * HOUR_MS,
  landlordResponse: 48 * HOUR_MS,
  noAgreedTime: 7 * 24 * HOUR_MS,
  tenantUnreachable: 72 * HOUR_MS,
  shownStands: 48 * HOUR_MS,
  afterAgreedTime: 7 * 24 * HOUR_MS,
  refundDecision: 48 * HOUR_MS,
  refundAfterViewing: 24 * HOUR_MS,
} as const;

/** What the caller may do now, as the endpoint (and its parameter) that does it. */
export type ViewingAction =
  | "pay"
  | "accept_time"
  | "propose_time"
  | "mark_let"
  | "mark_unreachable"
  | "mark_shown"
  | "accept_proposal"
  | "decline_proposal"
  | "confirm_reachable"
  | "confirm_viewing"
  | "request_refund"
  | "accept_refund"
  | "contest_refund";

export const ACTION_TEXT: Record<ViewingAction, string> = {
  pay: "支付看房信息费",
  accept_time: "确认看房",
  propose_time: "提议其他时间",
  mark_let: "房源已出租",
  mark_unreachable: "联系不上租客",
  mark_shown: "已带看",
  accept_proposal: "接受房东提议的时间",
  decline_proposal: "不接受这个时间",
  confirm_reachable: "我可以联系",
  confirm_viewing: "已看房",
  request_refund: "申请退款",
  accept_refund: "同意退款",
  contest_refund: "有异议",
};
