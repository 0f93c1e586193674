import { z } from "zod";
import { integer, optional } from "@/lib/api/fields";
import { defineRoute } from "@/lib/api/route";
import { addFavorite, removeFavorite } from "@/lib/favorites/favorites";

// POST /api/favorite – 收藏 (`action=add`, the default) or 取消收藏 (`action=remove`) a listing.
export const POST = defineRoute(
  {
    auth: "user",
    params: z.object({
      house_id: integer({ min: 1 }),
      action: optional(z.enum(["add", "remove"], { error: "可选 add、remove" })),
    }),
    answer: z.object({ house_id: z.number(), favorited: z.boolean(), praise_count: z.number() }),
  },
  async ({ user, params }) =>
    params.action === "remove"
      ? removeFavorite(user.id, params.house_id)
      : addFavorite(user.id, params.house_id),
);
export const GET = POST;
