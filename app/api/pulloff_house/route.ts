import { z } from "zod";
import { emptyAnswer } from "@/lib/api/answers";
import { id } from "@/lib/api/fields";
import { defineRoute } from "@/lib/api/route";
import { pulloffHouse } from "@/lib/houses/lifecycle";

// POST /api/pulloff_house – 下架（已发布 → 已下架）; owner only.
export const POST = defineRoute(
  { auth: "user", params: z.object({ house_id: id() }), answer: emptyAnswer },
  async ({ params, user }) => pulloffHouse(user.id, params.house_id),
);
export const GET = POST;
