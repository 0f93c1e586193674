import { z } from "zod";
import { id, text } from "@/lib/api/fields";
import { defineRoute } from "@/lib/api/route";
import { viewingFeePaymentUrl } from "@/lib/payments/payment-url";

// GET|POST /api/order/get_preorder_paymenturl – the Alipay wap-pay URL for the viewing fee.
export const POST = defineRoute(
  {
    auth: "user",
    params: z.object({ pre_order_id: id(), return_url: text({ max: 2000 }) }),
    answer: z.object({
      result: z.literal("SUCCESS"),
      payment_url: z.string().describe("Alipay wap-pay URL: send the browser there"),
    }),
  },
  async ({ user, params }) => viewingFeePaymentUrl(user.id, params.pre_order_id, params.return_url),
);
export const GET = POST;
