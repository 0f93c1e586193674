import "server-only";
import { and, eq, gt, inArray, isNull, lte, ne, or, type SQL } from "drizzle-orm";
import { db } from "@/db";
import { HouseStatus, houses, ViewingStatus, viewingRequests } from "@/db/schema";
import { writeTransaction } from "@/db/write";
import type { Clock } from "@/lib/clock";
import { loadRequest, SYSTEM, tell } from "@/lib/viewings/notices";
import { DEADLINES, ViewingPhase, type ViewingPhaseName } from "@/lib/viewings/states";
import {
  approveRefund,
  BEFORE_VIEWING,
  executeRefund,
  markViewed,
  NO_AGREED_TIME,
} from "@/lib/viewings/transitions";

// The automatic rules of a viewing request, as one job step (`viewings:rules`). Each rule finds
// the requests whose deadline has passed at `now` (deadline ≤ now), then moves each one in its
// own write transaction guarded by the same condition, so a second process or a repeated pass
// changes nothing. Approved refunds are executed (and failed ones retried) at the end.

const ago = (now: Date, ms: number) => new Date(now.getTime() - ms);

interface Rule {
  name: string;
  where: (now: Date) => SQL | undefined;
  apply: (requestId: number, now: Date, guard: SQL | undefined) => Promise<boolean>;
}

const paidIn = (phases: ViewingPhaseName[]) =>
  and(eq(viewingRequests.status, ViewingStatus.paid), inArray(viewingRequests.phase, phases));

/** The listing was pulled off or deleted before the viewing time. */
const listingGone = (now: Date) =>
  and(
    paidIn(BEFORE_VIEWING),
    or(isNull(viewingRequests.viewingAt), gt(viewingRequests.viewingAt, now)),
    inArray(
      viewingRequests.houseId,
      db().select({ id: houses.id }).from(houses).where(ne(houses.status, HouseStatus.published)),
    ),
  );

function refundRule(name: string, why: string, where: (now: Date) => SQL | undefined): Rule {
  return {
    name,
    where,
    apply: (requestId, now, guard) =>
      writeTransaction(async (tx) => {
        const request = await loadRequest(tx, requestId);
        if (!request) return false;
        return approveRefund(
          tx,
          request,
          { status: request.status, where: guard },
          { at: now, actor: SYSTEM, why },
        );
      }),
  };
}

function viewedRule(name: string, where: (now: Date) => SQL | undefined): Rule {
  return {
    name,
    where,
    apply: (requestId, now, guard) =>
      writeTransaction(async (tx) => {
        const still = await tx
          .select({ id: viewingRequests.id })
          .from(viewingRequests)
          .where(and(eq(viewingRequests.id, requestId), guard))
          .get();
        return still ? markViewed(tx, requestId, now, SYSTEM) : false;
      }),
  };
}

const VIEWING_RULES: Rule[] = [
  {
    name: "landlord_reminded",
    where: (now) =>
      and(
        paidIn([ViewingPhase.awaitingLandlord]),
        isNull(viewingRequests.landlordRespondedAt),
        lte(viewingRequests.paidAt, ago(now, DEADLINES.landlordReminder)),
        gt(viewingRequests.paidAt, ago(now, DEADLINES.landlordResponse)),
      ),
    apply: (requestId, now) =>
      writeTransaction(async (tx) => {
        const request = await loadRequest(tx, requestId);
        if (!request) return false;
        return tell(tx, request, "landlord", {
          kind: "viewing_reminder",
          at: now,
          title: "看房申请待回应",
          body: `${request.houseTitle}：租客已付费 24 小时，请尽快回应；48 小时内未回应将自动退款。`,
        });
      }),
  },
  refundRule("no_landlord_response", "房东 48 小时内未回应", (now) =>
    and(
      paidIn(BEFORE_VIEWING),
      isNull(viewingRequests.landlordRespondedAt),
      lte(viewingRequests.paidAt, ago(now, DEADLINES.landlordResponse)),
    ),
  ),
  refundRule("no_agreed_time", "7 天内未约定看房时间", (now) =>
    and(paidIn(NO_AGREED_TIME), lte(viewingRequests.paidAt, ago(now, DEADLINES.noAgreedTime))),
  ),
  refundRule("tenant_unreachable", "租客 72 小时内未回应", (now) =>
    and(
      paidIn([ViewingPhase.tenantUnreachable]),
      lte(viewingRequests.unreachableAt, ago(now, DEADLINES.tenantUnreachable)),
    ),
  ),
  refundRule("listing_gone", "房源已下架或删除", listingGone),
  refundRule("refund_decision_missed", "房东 48 小时内未处理退款申请", (now) =>
    and(
      eq(viewingRequests.status, ViewingStatus.refundRequested),
      eq(viewingRequests.phase, ViewingPhase.refundRequested),
      lte(viewingRequests.refundRequestedAt, ago(now, DEADLINES.refundDecision)),
    ),
  ),
  viewedRule("shown_stands", (now) =>
    and(
      paidIn([ViewingPhase.shown]),
      lte(viewingRequests.shownAt, ago(now, DEADLINES.shownStands)),
    ),
  ),
  viewedRule("after_agreed_time", (now) =>
    and(
      paidIn([ViewingPhase.timeAgreed]),
      lte(viewingRequests.viewingAt, ago(now, DEADLINES.afterAgreedTime)),
    ),
  ),
];

/** One pass of every rule at `now`; answers how many requests each rule moved. */
export async function runViewingRules(context: {
  now: Date;
  clock?: Clock;
}): Promise<Record<string, number>> {
  const { now } = context;
  const counts: Record<string, number> = {};
  for (const rule of VIEWING_RULES) {
    const guard = rule.where(now);
    const due = await db().select({ id: viewingRequests.id }).from(viewingRequests).where(guard);
    counts[rule.name] = 0;
    for (const { id } of due)
      if (await rule.apply(id, now, guard)) counts[rule.name] = (counts[rule.name] ?? 0) + 1;
  }
  const refunding = await db()
    .select({ id: viewingRequests.id })
    .from(viewingRequests)
    .where(
      and(
        eq(viewingRequests.status, ViewingStatus.refundRequested),
        inArray(viewingRequests.phase, [ViewingPhase.refunding, ViewingPhase.refundFailed]),
      ),
    );
  counts.refunds_run = refunding.length;
  for (const { id } of refunding) await executeRefund(id, context.clock ?? (() => now));
  return counts;
}
