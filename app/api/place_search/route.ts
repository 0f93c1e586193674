import { z } from "zod";
import { optional, text } from "@/lib/api/fields";
import { defineRoute } from "@/lib/api/route";
import { searchPlaces } from "@/lib/places/search";

// GET|POST /api/place_search – 小区 positions for the editor: own listings, then the map's POIs.
export const POST = defineRoute(
  {
    auth: "user",
    params: z.object({ keyword: text({ max: 30 }), city: optional(text({ max: 50 })) }),
    answer: z.object({
      places: z.array(
        z.object({
          name: z.string(),
          address: z.string(),
          longitude: z.number(),
          latitude: z.number(),
          source: z.enum(["mine", "demo", "amap"]),
        }),
      ),
    }),
  },
  async ({ user, params }) => searchPlaces(user.id, params),
);
export const GET = POST;
