import { z } from "zod";
import { defineRoute } from "@/lib/api/route";
import { markedReadAnswer } from "@/lib/notifications/answers";
import { readNotifications } from "@/lib/notifications/notify";

// GET|POST /api/notification/read_all – marks all my notifications read.
export const POST = defineRoute(
  { auth: "user", params: z.object({}), answer: markedReadAnswer },
  async ({ user }) => readNotifications(user.id, "all"),
);
export const GET = POST;
