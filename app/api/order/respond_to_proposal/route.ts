import { z } from "zod";
import { defineRoute } from "@/lib/api/route";
import { respondToProposalParams } from "@/lib/viewings/fields";
import { respondToProposal } from "@/lib/viewings/transitions";

// GET|POST /api/order/respond_to_proposal – the tenant accepts or declines a proposed time, or says they can be reached.
export const POST = defineRoute(
  { auth: "user", params: respondToProposalParams, answer: z.object({}) },
  async ({ user, params }) => {
    await respondToProposal(user.id, params.pre_order_id, params.answer);
  },
);
export const GET = POST;
