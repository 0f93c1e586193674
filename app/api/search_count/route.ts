import { z } from "zod";
import { defineRoute } from "@/lib/api/route";
import { searchHouseParams } from "@/lib/search/params";
import { countHouses } from "@/lib/search/search-houses";

// GET|POST /api/search_count – how many listings /search_house would find for the same
// parameters (paging ignored). Public.
export const POST = defineRoute(
  {
    auth: "none",
    params: searchHouseParams,
    answer: z.object({ count: z.number(), more: z.boolean(), area_has_listings: z.boolean() }),
  },
  async ({ params }) => countHouses(params),
);
export const GET = POST;
