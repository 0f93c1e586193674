import { z } from "zod";
import { defineRoute } from "@/lib/api/route";
import { disputeDecideParams } from "@/lib/viewings/fields";
import { decideDispute } from "@/lib/viewings/transitions";

// POST /api/admin/dispute_decide – decide a contested refund once: refund, or reject with a reason.
export const POST = defineRoute(
  { auth: "admin", params: disputeDecideParams, answer: z.object({}) },
  async ({ user, params }) => {
    await decideDispute(user.id, params.pre_order_id, {
      decision: params.decision,
      reason: params.reason,
    });
  },
);
