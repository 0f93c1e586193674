import { z } from "zod";
import { id, text } from "@/lib/api/fields";
import { defineRoute } from "@/lib/api/route";
import { decisionKind } from "@/lib/moderation/answers";
import { decideModeration } from "@/lib/moderation/decisions";

// POST /api/admin/moderation_decide – keep, require changes, take down or relabel as 中介; the owner is told the reason.
export const POST = defineRoute(
  {
    auth: "admin",
    params: z.object({
      house_id: id(),
      decision: decisionKind,
      reason: text({ max: 500, min: 1 }),
    }),
    answer: z.object({
      decision_id: z.number().int(),
      decision: decisionKind,
      on_appeal: z.boolean().describe("the decision answers an appeal and is final"),
    }),
  },
  async ({ user, params }) =>
    decideModeration({
      adminId: user.id,
      houseId: params.house_id,
      decision: params.decision,
      reason: params.reason,
    }),
);
