import { z } from "zod";
import { flag, id, optional } from "@/lib/api/fields";
import { defineRoute, Reply } from "@/lib/api/route";
import { createViewingRequest } from "@/lib/payments/viewing-requests";

// GET|POST /api/order/create_preorder – the caller asks to view a listing; ans = request id, msg "OK".
export const POST = defineRoute(
  {
    auth: "user",
    params: z.object({
      owner_id: id(),
      house_id: id(),
      /** 1: the landlord may see the tenant's Zhima score band for this request. */
      credit_consent: optional(flag()),
    }),
    answer: z.number().int().describe('the viewing request id (msg is "OK")'),
  },
  async ({ user, params }) =>
    new Reply(
      await createViewingRequest(user.id, {
        ownerId: params.owner_id,
        houseId: params.house_id,
        creditConsent: params.credit_consent,
      }),
      "OK",
    ),
);
export const GET = POST;
