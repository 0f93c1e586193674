import { z } from "zod";
import { id, text } from "@/lib/api/fields";
import { defineRoute } from "@/lib/api/route";
import { appealModeration } from "@/lib/moderation/decisions";

// POST /api/moderation/appeal – the owner appeals the latest moderation decision on a listing, once.
export const POST = defineRoute(
  {
    auth: "user",
    params: z.object({ house_id: id(), text: text({ max: 500, min: 1 }) }),
    answer: z.object({ decision_id: z.number().int(), appealed_at: z.string() }),
  },
  async ({ user, params }) => appealModeration(user.id, params.house_id, params.text),
);
export const GET = POST;
