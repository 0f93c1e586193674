import { z } from "zod";
import { emptyAnswer } from "@/lib/api/answers";
import { id } from "@/lib/api/fields";
import { defineRoute } from "@/lib/api/route";
import { releaseHouse } from "@/lib/houses/lifecycle";

// POST /api/house_release – 发布（草稿或已下架 → 已发布）; owner only.
export const POST = defineRoute(
  { auth: "user", params: z.object({ house_id: id() }), answer: emptyAnswer },
  async ({ params, user }) => releaseHouse(user.id, params.house_id),
);
export const GET = POST;
