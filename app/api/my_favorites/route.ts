import { z } from "zod";
import { integer, optional } from "@/lib/api/fields";
import { defineRoute } from "@/lib/api/route";
import { myFavorites } from "@/lib/favorites/favorites";

// POST /api/my_favorites – the caller's favourites, newest first; `available` is false for
// listings that are no longer published.
export const POST = defineRoute(
  {
    auth: "user",
    params: z.object({
      shift: optional(integer({ min: 0, max: 100_000 })).transform((value) => value ?? 0),
      count: optional(integer({ min: 1, max: 100 })).transform((value) => value ?? 20),
    }),
    answer: z.array(
      z.object({
        house_id: z.number(),
        title: z.string().nullable(),
        community: z.string().nullable(),
        house_rent: z.number().nullable(),
        house_size: z.number().nullable(),
        house_type: z.string().nullable(),
        rent_room_type: z.number().nullable(),
        cover_thumb_url: z.string().nullable(),
        favorited_at: z.number(),
        available: z.boolean(),
      }),
    ),
  },
  async ({ user, params }) => myFavorites(user.id, params.shift, params.count),
);
export const GET = POST;
