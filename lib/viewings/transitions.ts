import "server-only";
import { and, eq, inArray, ne, type SQL } from "drizzle-orm";
import { changedRows, db } from "@/db";
import {
  HouseStatus,
  houses,
  paymentAttempts,
  refunds,
  ViewingStatus,
  viewingRequests,
} from "@/db/schema";
import { type WriteTx, writeTransaction } from "@/db/write";
import { ApiError } from "@/lib/api/errors";
import type { UploadedFile } from "@/lib/api/request";
import { type Clock, systemClock } from "@/lib/clock";
import { bookFeeSettled } from "@/lib/earnings/commissions";
import { log } from "@/lib/log";
import { advanceRefund, refundAttempt, retryFailedRefund } from "@/lib/payments/refunds";
import { OPEN_STATUSES } from "@/lib/payments/viewing-requests";
import { cleanImage } from "@/lib/storage/images";
import { newPrivateKey } from "@/lib/storage/keys";
import { type NewFile, writeFilesThenCommit } from "@/lib/storage/with-files";
import {
  type Actor,
  type LoadedRequest,
  loadRequest,
  recordEvent,
  tell,
  timeText,
} from "@/lib/viewings/notices";
import {
  DEADLINES,
  PHOTO_REASONS,
  REFUND_REASON_TEXT,
  type RefundReason,
  SLOT_END_HOUR,
  type Slot,
  ViewingPhase,
  type ViewingPhaseName,
} from "@/lib/viewings/states";

// Every move of a viewing request after payment. Each runs in one write transaction, guarded by
// the current status and phase (the changed row count decides who won), records who did it and
// when, and notifies the other side. An approved refund is executed after the commit through
// `refundAttempt` (one refund per paid attempt, so racing approvals still refund once).

type Guard = { status: number; phases?: ViewingPhaseName[]; where?: SQL };

/** Status 2 phases before the viewing happened. */
export const BEFORE_VIEWING: ViewingPhaseName[] = [
  ViewingPhase.awaitingLandlord,
  ViewingPhase.timeProposed,
  ViewingPhase.timeAgreed,
  ViewingPhase.tenantUnreachable,
];
/** Status 2 phases in which no viewing time is agreed yet. */
export const NO_AGREED_TIME: ViewingPhaseName[] = [
  ViewingPhase.awaitingLandlord,
  ViewingPhase.timeProposed,
  ViewingPhase.tenantUnreachable,
];
const PAID_PHASES: ViewingPhaseName[] = [...BEFORE_VIEWING, ViewingPhase.shown];

function forbiddenTransition(request: { status: number; phase: string }): ApiError {
  return ApiError.conflict("看房申请当前的状态不能进行这个操作，请刷新后重试", {
    status: request.status,
    phase: request.phase,
  });
}

/** Moves the request if it is still in the guarded state; false when someone moved it first. */
async function move(
  tx: WriteTx,
  requestId: number,
  guard: Guard,
  set: Partial<typeof viewingRequests.$inferInsert>,
): Promise<boolean> {
  const changed = await tx
    .update(viewingRequests)
    .set(set)
    .where(
      and(
        eq(viewingRequests.id, requestId),
        eq(viewingRequests.status, guard.status),
        guard.phases ? inArray(viewingRequests.phase, guard.phases) : undefined,
        guard.where,
      ),
    )
    .run();
  return changedRows(changed) === 1;
}

async function moveOrRefuse(
  tx: WriteTx,
  request: LoadedRequest,
  guard: Guard,
  set: Partial<typeof viewingRequests.$inferInsert>,
): Promise<void> {
  if (!(await move(tx, request.id, guard, set))) throw forbiddenTransition(request);
}

/** The request for one of its parties in `role`: 7 when missing, 6 for anyone else. */
async function requestFor(
  tx: WriteTx,
  requestId: number,
  userId: number,
  role: "tenant" | "landlord",
): Promise<LoadedRequest> {
  const request = await loadRequest(tx, requestId);
  if (!request) throw ApiError.notFound("看房申请");
  const mine = role === "tenant" ? request.tenantId === userId : request.ownerId === userId;
  if (!mine)
    throw ApiError.forbidden(
      role === "tenant" ? "只有申请看房的租客可以进行此操作" : "只有房源的房东可以进行此操作",
    );
  return request;
}

/** The end of a slot on a China date, as an instant. */
function slotEnd(date: string, slot: Slot): Date {
  const hour = String(SLOT_END_HOUR[slot]).padStart(2, "0");
  return new Date(`${date}T${hour}:00:00+08:00`);
}

/**
 * The one way into status 3 (viewed), inside the caller's write transaction: the tenant's 已看房,
 * or a rule (the landlord's 已带看 unchallenged for 48 hours, 7 days after the agreed time).
 */
export async function markViewed(
  tx: WriteTx,
  requestId: number,
  at: Date,
  actor: Actor,
): Promise<boolean> {
  const moved = await move(
    tx,
    requestId,
    { status: ViewingStatus.paid, phases: PAID_PHASES },
    { status: ViewingStatus.viewed, phase: ViewingPhase.viewed, viewedAt: at },
  );
  if (!moved) return false;
  const request = await loadRequest(tx, requestId);
  if (!request) return false;
  await recordEvent(tx, requestId, "viewed", actor, at);
  const event = { kind: "viewing_confirmed", at, title: "看房已完成" };
  await tell(tx, request, "landlord", {
    ...event,
    body: `${request.houseTitle}：${actor.role === "tenant" ? "租客已确认看房" : "看房已按规则确认完成"}。`,
  });
  await tell(tx, request, "tenant", {
    ...event,
    body: `${request.houseTitle}：看房已确认完成。如与描述不符，可在 24 小时内申请退款。`,
  });
  await bookFeeSettled(tx, requestId, at);
  return true;
}

/**
 * Approves the full refund (status 4, phase refunding) when the request is still in `guard`.
 * The refund itself runs after the commit (`executeRefund`), and again from the job until done.
 */
export async function approveRefund(
  tx: WriteTx,
  request: LoadedRequest,
  guard: Guard,
  input: {
    at: Date;
    actor: Actor;
    why: string;
    set?: Partial<typeof viewingRequests.$inferInsert>;
  },
): Promise<boolean> {
  const moved = await move(tx, request.id, guard, {
    status: ViewingStatus.refundRequested,
    phase: ViewingPhase.refunding,
    refundApprovedAt: input.at,
    statusBeforeRefund:
      request.status === ViewingStatus.refundRequested ? undefined : request.status,
    phaseBeforeRefund: request.status === ViewingStatus.refundRequested ? undefined : request.phase,
    ...input.set,
  });
  if (!moved) return false;
  await recordEvent(tx, request.id, "refund_approved", input.actor, input.at, { why: input.why });
  const event = { kind: "viewing_refund_approved", at: input.at, title: "退款已批准" };
  await tell(tx, request, "tenant", {
    ...event,
    body: `${request.houseTitle}：${input.why}，信息费将全额原路退回。`,
  });
  await tell(tx, request, "landlord", {
    ...event,
    body: `${request.houseTitle}：${input.why}，已退款给租客。`,
  });
  return true;
}

/**
 * Executes an approved refund through the provider that took the payment, exactly once
 * (`refundAttempt` keeps one refund per attempt; a failed one is retried under a new number).
 * Safe to call any number of times, from any process.
 */
export async function executeRefund(requestId: number, clock: Clock = systemClock): Promise<void> {
  const request = await db().query.viewingRequests.findFirst({
    where: eq(viewingRequests.id, requestId),
  });
  if (
    request?.status !== ViewingStatus.refundRequested ||
    (request.phase !== ViewingPhase.refunding && request.phase !== ViewingPhase.refundFailed)
  )
    return;
  const [attempt] = await db()
    .select()
    .from(paymentAttempts)
    .where(and(eq(paymentAttempts.viewingRequestId, requestId), eq(paymentAttempts.status, "paid")))
    .limit(1);
  if (!attempt) return;
  try {
    const existing = await db().query.refunds.findFirst({
      where: eq(refunds.paymentAttemptId, attempt.id),
    });
    const refund =
      existing?.status === "failed"
        ? await retryFailedRefund(existing.id, clock)
        : existing
          ? await advanceRefund(existing.id, clock)
          : await refundAttempt(attempt.id, {
              reason: request.refundReason
                ? REFUND_REASON_TEXT[request.refundReason as RefundReason]
                : "看房申请退款",
              clock,
            });
    if (refund.status !== "failed") return;
    await writeTransaction(async (tx) => {
      const loaded = await loadRequest(tx, requestId);
      if (!loaded) return;
      await move(
        tx,
        requestId,
        { status: ViewingStatus.refundRequested, phases: [ViewingPhase.refunding] },
        { phase: ViewingPhase.refundFailed },
      );
      await tell(tx, loaded, "tenant", {
        kind: "viewing_refund_failed",
        key: refund.outRefundNo,
        at: clock(),
        title: "退款失败，正在重试",
        body: `${loaded.houseTitle}：退款暂未成功，系统会自动重试，无需操作。`,
      });
    });
  } catch (error) {
    log.error("viewing.refund_failed", { requestId, error: String(error) });
  }
}

// —— The parties' actions (the /api/order/… endpoints) ——

export type LandlordResponse = "accept" | "propose" | "let" | "unreachable" | "shown";

export async function landlordRespond(
  userId: number,
  requestId: number,
  input: { response: LandlordResponse; date?: string; slot?: Slot },
  clock: Clock = systemClock,
): Promise<{ refund: boolean }> {
  const at = clock();
  const refund = await writeTransaction(async (tx) => {
    const request = await requestFor(tx, requestId, userId, "landlord");
    const actor: Actor = { role: "landlord", userId };
    const first = request.landlordRespondedAt ? {} : { landlordRespondedAt: at };
    const paid = (phases: ViewingPhaseName[]): Guard => ({ status: ViewingStatus.paid, phases });
    switch (input.response) {
      case "accept": {
        if (!request.preferredDate || !request.preferredSlot)
          throw ApiError.conflict("租客没有填写期望时间，请提议一个看房时间");
        await moveOrRefuse(
          tx,
          request,
          paid([ViewingPhase.awaitingLandlord, ViewingPhase.tenantUnreachable]),
          {
            ...first,
            phase: ViewingPhase.timeAgreed,
            agreedDate: request.preferredDate,
            agreedSlot: request.preferredSlot,
            viewingAt: slotEnd(request.preferredDate, request.preferredSlot as Slot),
            unreachableAt: null,
          },
        );
        await tell(tx, request, "tenant", {
          kind: "viewing_time_agreed",
          key: `${request.preferredDate}-${request.preferredSlot}`,
          at,
          title: "房东已确认看房",
          body: `${request.houseTitle}：房东确认了看房时间 ${timeText(request.preferredDate, request.preferredSlot)}。`,
        });
        break;
      }
      case "propose": {
        if (!input.date || !input.slot) throw ApiError.badParam("date", "请选择看房日期和时段");
        if (slotEnd(input.date, input.slot) <= at) throw ApiError.badParam("date", "看房时间已过");
        await moveOrRefuse(
          tx,
          request,
          paid([
            ViewingPhase.awaitingLandlord,
            ViewingPhase.timeProposed,
            ViewingPhase.tenantUnreachable,
          ]),
          {
            ...first,
            phase: ViewingPhase.timeProposed,
            proposedDate: input.date,
            proposedSlot: input.slot,
          },
        );
        await tell(tx, request, "tenant", {
          kind: "viewing_time_proposed",
          key: `${input.date}-${input.slot}`,
          at,
          title: "房东提议了看房时间",
          body: `${request.houseTitle}：房东提议 ${timeText(input.date, input.slot)} 看房，请接受或拒绝。`,
        });
        break;
      }
      case "let": {
        const approved = await approveRefund(tx, request, paid(BEFORE_VIEWING), {
          at,
          actor,
          why: "房东表示房源已出租",
          set: { ...first, refundReason: "let" },
        });
        if (!approved) throw forbiddenTransition(request);
        await tx
          .update(houses)
          .set({ status: HouseStatus.offline })
          .where(and(eq(houses.id, request.houseId), eq(houses.status, HouseStatus.published)))
          .run();
        break;
      }
      case "unreachable": {
        await moveOrRefuse(
          tx,
          request,
          paid([ViewingPhase.awaitingLandlord, ViewingPhase.timeProposed, ViewingPhase.timeAgreed]),
          { ...first, phase: ViewingPhase.tenantUnreachable, unreachableAt: at },
        );
        await tell(tx, request, "tenant", {
          kind: "viewing_tenant_unreachable",
          key: String(at.getTime()),
          at,
          title: "房东联系不上你",
          body: `${request.houseTitle}：房东联系不上你，请在 72 小时内回应，否则将自动退款。`,
        });
        break;
      }
      case "shown": {
        await moveOrRefuse(tx, request, paid(BEFORE_VIEWING), {
          ...first,
          phase: ViewingPhase.shown,
          shownAt: at,
        });
        await tell(tx, request, "tenant", {
          kind: "viewing_shown",
          at,
          title: "房东表示已带看",
          body: `${request.houseTitle}：房东表示已带你看房。如有异议请在 48 小时内申请退款，否则视为已看房。`,
        });
        break;
      }
    }
    await recordEvent(tx, requestId, `landlord_${input.response}`, actor, at, {
      date: input.date ?? null,
      slot: input.slot ?? null,
    });
    return input.response === "let";
  });
  if (refund) await executeRefund(requestId, clock);
  return { refund };
}

export type ProposalAnswer = "accept" | "decline" | "reachable";

export async function respondToProposal(
  userId: number,
  requestId: number,
  answer: ProposalAnswer,
  clock: Clock = systemClock,
): Promise<void> {
  const at = clock();
  await writeTransaction(async (tx) => {
    const request = await requestFor(tx, requestId, userId, "tenant");
    const guard = (phase: ViewingPhaseName): Guard => ({
      status: ViewingStatus.paid,
      phases: [phase],
    });
    const key = String(at.getTime());
    if (answer === "accept") {
      if (!request.proposedDate || !request.proposedSlot) throw forbiddenTransition(request);
      await moveOrRefuse(tx, request, guard(ViewingPhase.timeProposed), {
        phase: ViewingPhase.timeAgreed,
        agreedDate: request.proposedDate,
        agreedSlot: request.proposedSlot,
        viewingAt: slotEnd(request.proposedDate, request.proposedSlot as Slot),
      });
      await tell(tx, request, "landlord", {
        kind: "viewing_time_agreed",
        key: `${request.proposedDate}-${request.proposedSlot}`,
        at,
        title: "租客接受了看房时间",
        body: `${request.houseTitle}：租客接受了 ${timeText(request.proposedDate, request.proposedSlot)} 看房。`,
      });
    } else if (answer === "decline") {
      await moveOrRefuse(tx, request, guard(ViewingPhase.timeProposed), {
        phase: ViewingPhase.awaitingLandlord,
        proposedDate: null,
        proposedSlot: null,
      });
      await tell(tx, request, "landlord", {
        kind: "viewing_proposal_declined",
        key,
        at,
        title: "租客没有接受这个时间",
        body: `${request.houseTitle}：租客没有接受你提议的时间，请再提议一个。`,
      });
    } else {
      await moveOrRefuse(tx, request, guard(ViewingPhase.tenantUnreachable), {
        phase: ViewingPhase.awaitingLandlord,
        unreachableAt: null,
      });
      await tell(tx, request, "landlord", {
        kind: "viewing_tenant_reachable",
        key,
        at,
        title: "租客已回应",
        body: `${request.houseTitle}：租客表示可以联系，请再次联系并约定看房时间。`,
      });
    }
    await recordEvent(tx, requestId, `tenant_${answer}`, { role: "tenant", userId }, at);
  });
}

/** The tenant's 已看房: a paid request becomes viewed (status 3). */
export async function confirmViewing(
  userId: number,
  requestId: number,
  clock: Clock = systemClock,
): Promise<void> {
  const at = clock();
  await writeTransaction(async (tx) => {
    const request = await requestFor(tx, requestId, userId, "tenant");
    if (!(await markViewed(tx, requestId, at, { role: "tenant", userId })))
      throw forbiddenTransition(request);
  });
}

/** Why a tenant's refund request is approved at once, or null when the landlord decides. */
function automaticRefundReason(request: LoadedRequest, now: Date): string | null {
  if (request.status !== ViewingStatus.paid || !request.paidAt) return null;
  const since = now.getTime() - request.paidAt.getTime();
  if (!request.landlordRespondedAt && since >= DEADLINES.landlordResponse)
    return "房东 48 小时内未回应";
  if (
    request.houseStatus !== HouseStatus.published &&
    BEFORE_VIEWING.includes(request.phase as ViewingPhaseName)
  )
    return "房源已下架或删除";
  if (NO_AGREED_TIME.includes(request.phase as ViewingPhaseName) && since >= DEADLINES.noAgreedTime)
    return "7 天内未约定看房时间";
  return null;
}

export async function requestRefund(
  userId: number,
  requestId: number,
  input: { reason: RefundReason; text?: string; photos?: readonly UploadedFile[] },
  clock: Clock = systemClock,
): Promise<{ automatic: boolean }> {
  const at = clock();
  if (input.reason === "other" && !input.text?.trim())
    throw ApiError.badParam("text", "选择“其他”时请说明原因");
  const uploads = input.photos ?? [];
  if (uploads.length > 0 && !PHOTO_REASONS.has(input.reason))
    throw ApiError.badParam("photos", "只有“与描述不符/虚假房源”和“其他”可以附照片");
  // Every photo is checked and re-encoded before anything is written.
  const newFiles: NewFile[] = [];
  for (const upload of uploads) {
    const image = await cleanImage(upload);
    newFiles.push({
      key: newPrivateKey(userId, image.ext),
      body: image.buffer,
      contentType: image.contentType,
    });
  }
  const photoKeys = newFiles.map((file) => file.key);
  const automatic = await writeFilesThenCommit(newFiles, async (tx) => ({
    result: await refundInTransaction(tx),
  }));
  if (automatic) await executeRefund(requestId, clock);
  return { automatic };

  async function refundInTransaction(tx: WriteTx): Promise<boolean> {
    const request = await requestFor(tx, requestId, userId, "tenant");
    const actor: Actor = { role: "tenant", userId };
    const set = {
      refundRequestedAt: at,
      refundReason: input.reason,
      refundText: input.text ?? null,
      refundPhotos: photoKeys.length > 0 ? photoKeys : null,
    };
    await recordEvent(tx, requestId, "refund_requested", actor, at, {
      reason: input.reason,
      text: input.text ?? null,
      photos: String(photoKeys.length),
    });
    if (request.status === ViewingStatus.paid) {
      const why = automaticRefundReason(request, at);
      if (why) {
        if (
          !(await approveRefund(
            tx,
            request,
            { status: ViewingStatus.paid, phases: PAID_PHASES },
            { at, actor, why, set },
          ))
        )
          throw forbiddenTransition(request);
        return true;
      }
    } else if (request.status === ViewingStatus.viewed) {
      const within =
        request.viewedAt &&
        at.getTime() - request.viewedAt.getTime() <= DEADLINES.refundAfterViewing;
      if (input.reason !== "not_as_described" || !within)
        throw ApiError.conflict("看房后只能在 24 小时内以“与描述不符/虚假房源”申请退款", {
          status: request.status,
          phase: request.phase,
        });
      // A viewed request does not hold the one-open-request slot; another request may have taken it.
      const open = await tx
        .select({ id: viewingRequests.id })
        .from(viewingRequests)
        .where(
          and(
            eq(viewingRequests.tenantId, request.tenantId),
            eq(viewingRequests.houseId, request.houseId),
            inArray(viewingRequests.status, OPEN_STATUSES),
            ne(viewingRequests.id, request.id),
          ),
        )
        .get();
      if (open) throw ApiError.conflict("你对这套房源还有一个进行中的看房申请，请先处理");
    } else throw forbiddenTransition(request);
    await moveOrRefuse(
      tx,
      request,
      { status: request.status, phases: [...PAID_PHASES, ViewingPhase.viewed] },
      {
        ...set,
        status: ViewingStatus.refundRequested,
        phase: ViewingPhase.refundRequested,
        statusBeforeRefund: request.status,
        phaseBeforeRefund: request.phase,
      },
    );
    await tell(tx, request, "landlord", {
      kind: "viewing_refund_requested",
      key: String(at.getTime()),
      at,
      title: "租客申请退款",
      body: `${request.houseTitle}：租客以“${REFUND_REASON_TEXT[input.reason]}”申请退款，请在 48 小时内同意或提出异议，逾期自动退款。`,
    });
    return false;
  }
}

export async function refundDecision(
  userId: number,
  requestId: number,
  input: { decision: "accept" | "contest"; reason?: string },
  clock: Clock = systemClock,
): Promise<void> {
  const at = clock();
  if (input.decision === "contest" && !input.reason?.trim())
    throw ApiError.badParam("reason", "请说明异议的理由");
  const refund = await writeTransaction(async (tx) => {
    const request = await requestFor(tx, requestId, userId, "landlord");
    const actor: Actor = { role: "landlord", userId };
    const guard: Guard = {
      status: ViewingStatus.refundRequested,
      phases: [ViewingPhase.refundRequested],
    };
    if (input.decision === "accept") {
      if (!(await approveRefund(tx, request, guard, { at, actor, why: "房东同意退款" })))
        throw forbiddenTransition(request);
      return true;
    }
    await moveOrRefuse(tx, request, guard, { phase: ViewingPhase.contested });
    await recordEvent(tx, requestId, "refund_contested", actor, at, {
      reason: input.reason ?? null,
    });
    await tell(tx, request, "tenant", {
      kind: "viewing_refund_contested",
      at,
      title: "房东对退款有异议",
      body: `${request.houseTitle}：房东对退款申请有异议，平台会尽快处理。`,
    });
    return false;
  });
  if (refund) await executeRefund(requestId, clock);
}

/** An admin decides a contested refund, once: refund, or reject with a reason. */
export async function decideDispute(
  adminId: number,
  requestId: number,
  input: { decision: "refund" | "reject"; reason?: string },
  clock: Clock = systemClock,
): Promise<void> {
  const at = clock();
  if (input.decision === "reject" && !input.reason?.trim())
    throw ApiError.badParam("reason", "驳回时请填写理由");
  const refund = await writeTransaction(async (tx) => {
    const request = await loadRequest(tx, requestId);
    if (!request) throw ApiError.notFound("看房申请");
    const actor: Actor = { role: "admin", userId: adminId };
    const guard: Guard = {
      status: ViewingStatus.refundRequested,
      phases: [ViewingPhase.contested],
    };
    if (input.decision === "refund") {
      if (!(await approveRefund(tx, request, guard, { at, actor, why: "平台裁定退款" })))
        throw forbiddenTransition(request);
    } else {
      await moveOrRefuse(tx, request, guard, {
        status: request.statusBeforeRefund ?? ViewingStatus.paid,
        phase: request.phaseBeforeRefund ?? ViewingPhase.awaitingLandlord,
      });
    }
    await recordEvent(tx, requestId, `dispute_${input.decision}`, actor, at, {
      reason: input.reason ?? null,
    });
    const text =
      input.decision === "refund" ? "平台裁定全额退款" : `平台驳回退款申请：${input.reason}`;
    const event = { kind: "viewing_dispute_decided", at, title: "退款争议已处理" };
    await tell(tx, request, "tenant", { ...event, body: `${request.houseTitle}：${text}。` });
    await tell(tx, request, "landlord", { ...event, body: `${request.houseTitle}：${text}。` });
    return input.decision === "refund";
  });
  if (refund) await executeRefund(requestId, clock);
}
