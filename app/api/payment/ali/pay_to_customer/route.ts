import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { defineRoute, Reply } from "@/lib/api/route";
import { payoutParams } from "@/lib/payments/payout-params";
import { authorizePayout, payToCustomer } from "@/lib/payments/payouts";

// GET|POST /api/payment/ali/pay_to_customer – admins or a trusted server (X-Internal-Key) only.
// Parameters are validated only after the caller is authorised, so others learn nothing from them.
export const POST = defineRoute(
  {
    auth: "optional",
    audience: "operators",
    internalKey: true,
    params: z.record(z.string(), z.unknown()),
    answer: z
      .enum(["SUCCESS", "FAILED"])
      .describe("SUCCESS, or FAILED with the provider's reason in msg"),
  },
  async ({ request, user, params }) => {
    const sender = authorizePayout(request, user);
    const payout = await payToCustomer(payoutParams.parse(params), sender);
    if (payout.status === "success") return "SUCCESS";
    if (payout.status === "failed") return new Reply("FAILED", payout.resultMessage ?? "转账失败");
    throw ApiError.paymentProvider("转账结果暂未确定，请稍后用同一 order_id 重试");
  },
);
export const GET = POST;
