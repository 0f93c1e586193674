import { z } from "zod";
import { id, integer } from "@/lib/api/fields";
import { defineRoute } from "@/lib/api/route";
import { linkVerification } from "@/lib/houses/ownership";

// POST /api/link_house_verification – link a listing to one of the owner's property verifications (0 unlinks).
export const POST = defineRoute(
  {
    auth: "user",
    params: z.object({ house_id: id(), property_verification_id: integer({ min: 0 }) }),
    answer: z.object({
      property_verification_id: z.number().int().nullable(),
      link_pending: z.boolean().describe("the admin has yet to confirm the certificate address"),
    }),
  },
  async ({ user, params }) =>
    linkVerification(user.id, params.house_id, params.property_verification_id),
);
export const GET = POST;
