import { z } from "zod";
import { id, optional, text } from "@/lib/api/fields";
import { defineRoute } from "@/lib/api/route";
import { reviewState } from "@/lib/verifications/answers";
import { decideVerification } from "@/lib/verifications/review";

// POST /api/admin/verification_decide – approve or reject a pending verification.
export const POST = defineRoute(
  {
    auth: "admin",
    answer: z.object({
      type: z.enum(["identity", "property"]),
      id: z.number().int(),
      status: reviewState,
    }),
    params: z.object({
      type: z.enum(["identity", "property"]),
      id: id(),
      decision: z.enum(["approve", "reject"]),
      reason: optional(text({ max: 200 })),
    }),
  },
  async ({ user, params }) => decideVerification({ ...params, reviewerId: user.id }),
);
