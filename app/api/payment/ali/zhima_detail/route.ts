import { z } from "zod";
import { zhimaDetail } from "@/lib/alipay/zhima";
import { defineRoute } from "@/lib/api/route";

// GET|POST /api/payment/ali/zhima_detail – the cached score with its time, for the account page.
export const POST = defineRoute({ auth: "user", params: z.object({}) }, async ({ user }) =>
  zhimaDetail(user.id),
);
export const GET = POST;
