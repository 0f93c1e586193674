import { z } from "zod";
import { defineRoute } from "@/lib/api/route";
import { disputeAnswer } from "@/lib/viewings/answers";
import { listDisputes } from "@/lib/viewings/disputes";

// GET|POST /api/admin/disputes – contested refunds waiting for a decision, oldest first, and recent decisions.
export const POST = defineRoute(
  {
    auth: "admin",
    params: z.object({}),
    answer: z.object({ open: z.array(disputeAnswer), decided: z.array(disputeAnswer) }),
  },
  async () => listDisputes(),
);
export const GET = POST;
