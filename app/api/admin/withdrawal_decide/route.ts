import { z } from "zod";
import { id, optional, text } from "@/lib/api/fields";
import { defineRoute } from "@/lib/api/route";
import { withdrawalAnswer } from "@/lib/earnings/answers";
import { decide } from "@/lib/earnings/wallet";

// POST /api/admin/withdrawal_decide – approve (the payout job pays it) or reject (the amount
// returns to payable, with the reason) a withdrawal above the monthly automatic limit.
export const POST = defineRoute(
  {
    auth: "admin",
    params: z.object({
      id: id(),
      decision: z.enum(["approve", "reject"]),
      reason: optional(text({ max: 200 })),
    }),
    answer: withdrawalAnswer,
  },
  async ({ user, params }) => decide({ ...params, adminId: user.id }),
);
