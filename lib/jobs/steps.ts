import "server-only";
import type { JobStep } from "@/lib/jobs/step";
import { deliverNotificationsStep } from "@/lib/notifications/deliver";
import { reconcilePendingPayments } from "@/lib/payments/reconcile";
import { cleanupLeftovers } from "@/lib/storage/cleanup";
import { purgeDecidedDocuments } from "@/lib/verifications/retention";
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

/** Every step, in the order a pass runs them. */
export function jobSteps(): JobStep[] {
  return [
    refreshWechatTokensStep,
    deliverNotificationsStep(),
    reconcilePaymentsStep(),
    purgeVerificationDocumentsStep,
    cleanupLeftoversStep,
  ];
}
