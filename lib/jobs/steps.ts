import "server-only";
import { payWithdrawals } from "@/lib/earnings/withdrawals";
import { applyFreshnessRules } from "@/lib/houses/freshness";
import { purgeViewKeys } from "@/lib/houses/stats";
import type { JobStep } from "@/lib/jobs/step";
import { deliverNotificationsStep } from "@/lib/notifications/deliver";
import { reconcilePendingPayments } from "@/lib/payments/reconcile";
import { cleanupLeftovers } from "@/lib/storage/cleanup";
import { purgeDecidedDocuments } from "@/lib/verifications/retention";
import { purgeSettledRefundPhotos } from "@/lib/viewings/refund-photos";
import { runViewingRules } from "@/lib/viewings/rules";
import { refreshWechatTokens } from "@/lib/wechat/platform-tokens";

const MINUTE_MS = 60_000;

/** Viewing-fee attempts still pending after `minutes` are settled from alipay.trade.query. */
export function reconcilePaymentsStep(minutes = 15): JobStep {
  return {
    name: "payments:reconcile",
    exclusiveLeaseMs: 10 * MINUTE_MS,
    run: async ({ now }) => ({ ...(await reconcilePendingPayments(minutes, now)) }),
  };
}

/** Verification document images are deleted 180 days after the decision. */
const purgeVerificationDocumentsStep: JobStep = {
  name: "verifications:purge",
  exclusiveLeaseMs: 30 * MINUTE_MS,
  run: async ({ now }) => purgeDecidedDocuments(now),
};

/** Refund photos of settled requests are deleted 180 days after the refund request. */
const purgeRefundPhotosStep: JobStep = {
  name: "viewings:purge-refund-photos",
  exclusiveLeaseMs: 30 * MINUTE_MS,
  run: async ({ now }) => purgeSettledRefundPhotos(now),
};

/** The Official Account's access token and jsapi_ticket are refreshed ahead of their expiry. */
const refreshWechatTokensStep: JobStep = {
  name: "wechat:tokens",
  exclusiveLeaseMs: 2 * MINUTE_MS,
  run: async ({ now }) => refreshWechatTokens({ now }),
};

/** Temp uploads, .part files and media no row references, once older than an hour. */
const cleanupLeftoversStep: JobStep = {
  name: "storage:cleanup",
  exclusiveLeaseMs: 30 * MINUTE_MS,
  run: async ({ now }) => cleanupLeftovers({ now }),
};

/**
 * Withdrawals queued (automatic, or approved by an admin) are paid to Alipay; one sent with an
 * unknown outcome is settled by querying its out_biz_no, never by sending a new transfer.
 */
const payWithdrawalsStep: JobStep = {
  name: "earnings:payouts",
  exclusiveLeaseMs: 10 * MINUTE_MS,
  run: async ({ clock }) => payWithdrawals(clock),
};

/** The viewing requests' deadlines: reminders, automatic refunds, viewed, refund retries. */
const viewingRulesStep: JobStep = {
  name: "viewings:rules",
  exclusiveLeaseMs: 10 * MINUTE_MS,
  run: async ({ now, clock }) => runViewingRules({ now, clock }),
};

/** Listings unconfirmed for 14 days: the owner is reminded; for 30 days: pulled off, owner told. */
const listingFreshnessStep: JobStep = {
  name: "houses:freshness",
  exclusiveLeaseMs: 10 * MINUTE_MS,
  run: async ({ now }) => applyFreshnessRules(now),
};

/** Past days' visitor-hash keys are deleted, so the day's view hashes can no longer be linked. */
export const purgeViewKeysStep: JobStep = {
  name: "houses:view-keys",
  exclusiveLeaseMs: 5 * MINUTE_MS,
  run: async ({ now }) => purgeViewKeys(now),
};

/** Every step, in the order a pass runs them. */
export function jobSteps(): JobStep[] {
  return [
    refreshWechatTokensStep,
    deliverNotificationsStep(),
    reconcilePaymentsStep(),
    viewingRulesStep,
    payWithdrawalsStep,
    purgeVerificationDocumentsStep,
    purgeRefundPhotosStep,
    cleanupLeftoversStep,
    listingFreshnessStep,
    purgeViewKeysStep,
  ];
}
