import { z } from "zod";
import { defineRoute, Reply } from "@/lib/api/route";
import { createViewingRequest } from "@/lib/payments/viewing-requests";
import { createViewingParams } from "@/lib/viewings/fields";

// GET|POST /api/order/create_preorder – the caller asks to view a listing; ans = request id, msg "OK".
export const POST = defineRoute(
  {
    auth: "user",
    params: createViewingParams,
    answer: z.number().int().describe('the viewing request id (msg is "OK")'),
  },
  async ({ user, params }) =>
    new Reply(
      await createViewingRequest(user.id, {
        ownerId: params.owner_id,
        houseId: params.house_id,
        tel: params.tel,
        telCode: params.tel_code,
        consent: params.consent,
        preferredDate: params.preferred_date,
        preferredSlot: params.preferred_slot,
        message: params.message,
        creditConsent: params.credit_consent,
      }),
      "OK",
    ),
);
export const GET = POST;
