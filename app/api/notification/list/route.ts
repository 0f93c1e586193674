import { z } from "zod";
import { integer, optional } from "@/lib/api/fields";
import { defineRoute } from "@/lib/api/route";
import { inboxAnswer } from "@/lib/notifications/answers";
import { listNotifications } from "@/lib/notifications/notify";

// GET|POST /api/notification/list – my notifications, newest first (`shift`, `count`), and the
// number unread.
export const POST = defineRoute(
  {
    auth: "user",
    params: z.object({
      shift: optional(integer({ min: 0, max: 100_000 })).transform((value) => value ?? 0),
      count: optional(integer({ min: 1, max: 50 })).transform((value) => value ?? 20),
    }),
    answer: inboxAnswer,
  },
  async ({ user, params }) => listNotifications(user.id, params),
);
export const GET = POST;
