import { z } from "zod";
import { emptyAnswer } from "@/lib/api/answers";
import { id } from "@/lib/api/fields";
import { defineRoute } from "@/lib/api/route";
import { updateHouseInfo } from "@/lib/houses/editing";

// POST /api/update_house_info – attr_name/attr_value, or several listing fields at once (JSON).
export const POST = defineRoute(
  { auth: "user", params: z.looseObject({ house_id: id() }), answer: emptyAnswer },
  async ({ params: { house_id, ...rest }, user }) => updateHouseInfo(user.id, house_id, rest),
);
export const GET = POST;
