import { z } from "zod";
import { pageParams } from "@/lib/api/fields";
import { defineRoute } from "@/lib/api/route";
import { inboxAnswer } from "@/lib/notifications/answers";
import { listNotifications } from "@/lib/notifications/notify";

// GET|POST /api/notification/list – my notifications, newest first (`shift`, `count`), and the
// number unread.
export const POST = defineRoute(
  {
    auth: "user",
    params: z.object(pageParams({ maxShift: 100_000, maxCount: 50, count: 20 })),
    answer: inboxAnswer,
  },
  async ({ user, params }) => listNotifications(user.id, params),
);
export const GET = POST;
