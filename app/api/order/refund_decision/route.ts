import { z } from "zod";
import { defineRoute } from "@/lib/api/route";
import { refundDecisionParams } from "@/lib/viewings/fields";
import { refundDecision } from "@/lib/viewings/transitions";

// GET|POST /api/order/refund_decision – the landlord accepts a refund request (refund) or contests it (admin queue).
export const POST = defineRoute(
  { auth: "user", params: refundDecisionParams, answer: z.object({}) },
  async ({ user, params }) => {
    await refundDecision(user.id, params.pre_order_id, {
      decision: params.decision,
      reason: params.reason,
    });
  },
);
export const GET = POST;
