import { z } from "zod";
import { defineRoute } from "@/lib/api/route";
import { freshnessFields } from "@/lib/moderation/answers";
import { searchHouseParams } from "@/lib/search/params";
import { searchHouses } from "@/lib/search/search-houses";

// GET|POST /api/search_house – published listings near a point, filtered, sorted and paged.
// Public, as the legacy service really was (any token is ignored).
export const POST = defineRoute(
  {
    auth: "none",
    params: searchHouseParams,
    answer: z.array(
      z.object({
        house_id: z.number().int(),
        house_rent: z.number().nullable(),
        house_size: z.number().nullable(),
        house_type: z.string().nullable(),
        payment_type: z.string().nullable(),
        praise_count: z.number().int(),
        status: z.number().int(),
        create_date: z.string(),
        duration: z.number().int().describe("seconds since creation"),
        user_type: z.number().int().nullable(),
        distance: z.number().describe("kilometres from the search centre"),
        photos: z.array(z.string()),
        title: z.string().nullable(),
        community: z.string().nullable(),
        longitude: z.number().nullable(),
        latitude: z.number().nullable(),
        house_rooms: z.number().int().nullable(),
        rent_room_type: z.number().int().nullable(),
        cover_thumb_url: z.string().nullable(),
        owner_verified: z.boolean().describe("the listing shows the 房东本人 badge"),
        ...freshnessFields,
      }),
    ),
  },
  ({ params }) => searchHouses(params),
);
export const GET = POST;
