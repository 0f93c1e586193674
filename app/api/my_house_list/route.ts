import { z } from "zod";
import { defineRoute } from "@/lib/api/route";
import { myHouseList } from "@/lib/houses/queries";

// POST /api/my_house_list – the caller's listings (deleted ones excluded), newest first.
export const POST = defineRoute({ auth: "user", params: z.object({}) }, async ({ user }) =>
  myHouseList(user.id),
);
export const GET = POST;
