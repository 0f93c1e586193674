import { z } from "zod";
import { defineRoute } from "@/lib/api/route";
import { landlordRespondParams } from "@/lib/viewings/fields";
import { landlordRespond } from "@/lib/viewings/transitions";

// GET|POST /api/order/landlord_respond – the landlord answers a paid request: accept, propose, let, unreachable or shown.
export const POST = defineRoute(
  {
    auth: "user",
    params: landlordRespondParams,
    answer: z.object({ refund: z.boolean().describe("true when the answer refunded the tenant") }),
  },
  async ({ user, params }) =>
    landlordRespond(user.id, params.pre_order_id, {
      response: params.response,
      date: params.date,
      slot: params.slot,
    }),
);
export const GET = POST;
