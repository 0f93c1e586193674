import { z } from "zod";
import { id } from "@/lib/api/fields";
import { defineRoute } from "@/lib/api/route";
import { confirmAvailable } from "@/lib/houses/freshness";
import { freshnessFields } from "@/lib/moderation/answers";

// POST /api/confirm_house_available – the owner confirms a published listing is still available (every 14 days).
export const POST = defineRoute(
  {
    auth: "user",
    params: z.object({ house_id: id() }),
    answer: z.object({ confirmed_at: z.string(), ...freshnessFields }),
  },
  async ({ user, params }) => confirmAvailable(user.id, params.house_id),
);
export const GET = POST;
