import { z } from "zod";
import { defineRoute } from "@/lib/api/route";
import { searchMapParams } from "@/lib/search/params";
import { searchMap } from "@/lib/search/search-map";

// GET|POST /api/search_map – published listings in a map view: markers, or clusters when dense.
export const POST = defineRoute(
  {
    auth: "none",
    params: searchMapParams,
    answer: z.object({
      markers: z.array(
        z.object({
          house_id: z.number().int(),
          longitude: z.number(),
          latitude: z.number(),
          house_rent: z.number().nullable(),
        }),
      ),
      clusters: z.array(
        z.object({ longitude: z.number(), latitude: z.number(), count: z.number().int() }),
      ),
    }),
  },
  ({ params }) => searchMap(params),
);
export const GET = POST;
