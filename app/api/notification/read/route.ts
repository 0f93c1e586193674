import { z } from "zod";
import { idList } from "@/lib/api/fields";
import { defineRoute } from "@/lib/api/route";
import { markedReadAnswer } from "@/lib/notifications/answers";
import { readNotifications } from "@/lib/notifications/notify";

// GET|POST /api/notification/read – marks my notifications `ids` (e.g. 3|1|2) read.
export const POST = defineRoute(
  { auth: "user", params: z.object({ ids: idList(100) }), answer: markedReadAnswer },
  async ({ user, params }) => readNotifications(user.id, params.ids),
);
export const GET = POST;
