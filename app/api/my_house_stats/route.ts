import { z } from "zod";
import { defineRoute } from "@/lib/api/route";
import { myHouseStats } from "@/lib/houses/stats";

const period = z.object({
  views: z.number().int(),
  favorites: z.number().int(),
  viewing_requests: z.number().int(),
  paid_requests: z.number().int(),
});

// GET|POST /api/my_house_stats – views, favourites and viewing requests of my listings (7/30 days).
export const POST = defineRoute(
  {
    auth: "user",
    params: z.object({}),
    answer: z.array(z.object({ house_id: z.number().int(), days_7: period, days_30: period })),
  },
  async ({ user }) => myHouseStats(user.id),
);
export const GET = POST;
