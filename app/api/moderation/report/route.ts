import { z } from "zod";
import { id, oneOf, optional, text } from "@/lib/api/fields";
import { defineRoute } from "@/lib/api/route";
import { reportHouse } from "@/lib/moderation/reports";

// POST /api/moderation/report – report a published listing (1 已出租, 2 虚假房源, 3 中介冒充房东, 4 价格不符, 5 其他).
// Three open reports from different users, or one from a tenant who paid a viewing fee for it,
// hold the listing out of search until an admin decides.
export const POST = defineRoute(
  {
    auth: "user",
    params: z.object({
      house_id: id(),
      reason: oneOf([1, 2, 3, 4, 5] as const),
      text: optional(text({ max: 500 })).transform((value) => value ?? ""),
    }),
    answer: z.object({ report_id: z.number().int(), held: z.boolean() }),
  },
  async ({ user, params }) =>
    reportHouse(user.id, { houseId: params.house_id, reason: params.reason, text: params.text }),
);
export const GET = POST;
