import { z } from "zod";
import { defineRoute } from "@/lib/api/route";
import { createHouse } from "@/lib/houses/editing";
import { coordTypeField, listingSchema } from "@/lib/houses/fields";

// POST /api/house_create – a new draft listing; every field optional, every sent value validated.
export const POST = defineRoute(
  {
    auth: "user",
    params: listingSchema.extend({ coord_type: coordTypeField }),
    answer: z.object({ house_id: z.number().int() }),
  },
  async ({ params: { coord_type, ...fields }, user }) => createHouse(user.id, fields, coord_type),
);
export const GET = POST;
