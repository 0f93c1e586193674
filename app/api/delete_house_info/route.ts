import { z } from "zod";
import { emptyAnswer } from "@/lib/api/answers";
import { id } from "@/lib/api/fields";
import { defineRoute } from "@/lib/api/route";
import { deleteHouse } from "@/lib/houses/lifecycle";

// POST /api/delete_house_info – 删除（软删除，不可恢复）; owner only.
export const POST = defineRoute(
  { auth: "user", params: z.object({ house_id: id() }), answer: emptyAnswer },
  async ({ params, user }) => deleteHouse(user.id, params.house_id),
);
export const GET = POST;
