import { z } from "zod";
import { defineRoute } from "@/lib/api/route";
import { requestRefundParams } from "@/lib/viewings/fields";
import { requestRefund } from "@/lib/viewings/transitions";

// GET|POST /api/order/request_refund – the tenant asks for the fee back (status 4); some cases are refunded at once.
export const POST = defineRoute(
  {
    auth: "user",
    params: requestRefundParams,
    answer: z.object({
      automatic: z.boolean().describe("true when a rule approved the refund at once"),
    }),
  },
  async ({ user, params }) =>
    requestRefund(user.id, params.pre_order_id, { reason: params.reason, text: params.text }),
);
export const GET = POST;
