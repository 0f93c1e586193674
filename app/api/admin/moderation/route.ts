import { z } from "zod";
import { integer, optional } from "@/lib/api/fields";
import { defineRoute } from "@/lib/api/route";
import { moderationQueueAnswer } from "@/lib/moderation/answers";
import { moderationQueue } from "@/lib/moderation/queue";

// GET|POST /api/admin/moderation – held and reported listings with their evidence, oldest case first.
export const POST = defineRoute(
  {
    auth: "admin",
    params: z.object({
      limit: optional(integer({ min: 1, max: 200 })).transform((value) => value ?? 50),
    }),
    answer: moderationQueueAnswer,
  },
  async ({ params }) => moderationQueue(params.limit),
);
export const GET = POST;
