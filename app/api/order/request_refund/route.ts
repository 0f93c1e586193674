import { z } from "zod";
import { defineRoute } from "@/lib/api/route";
import { documentRule } from "@/lib/verifications/documents";
import { requestRefundParams } from "@/lib/viewings/fields";
import { MAX_REFUND_PHOTOS } from "@/lib/viewings/states";
import { requestRefund } from "@/lib/viewings/transitions";

// GET|POST /api/order/request_refund – the tenant asks for the fee back (status 4), optionally with up to 3 photos (multipart); some cases are refunded at once.
export const POST = defineRoute(
  {
    auth: "user",
    params: requestRefundParams,
    files: { photos: { ...documentRule, maxCount: MAX_REFUND_PHOTOS } },
    answer: z.object({
      automatic: z.boolean().describe("true when a rule approved the refund at once"),
    }),
  },
  async ({ user, params, files }) =>
    requestRefund(user.id, params.pre_order_id, {
      reason: params.reason,
      text: params.text,
      photos: files.photos,
    }),
);
export const GET = POST;
