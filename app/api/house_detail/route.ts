import { z } from "zod";
import { id } from "@/lib/api/fields";
import { defineRoute } from "@/lib/api/route";
import { houseDetail } from "@/lib/houses/queries";

// GET /api/house_detail?house_id= – a published listing, or the caller's own draft/offline one.
export const GET = defineRoute(
  { auth: "optional", params: z.object({ house_id: id() }) },
  async ({ params, user }) => houseDetail(params.house_id, user?.id ?? null),
);
export const POST = GET;
