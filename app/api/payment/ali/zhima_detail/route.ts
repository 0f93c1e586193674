import { z } from "zod";
import { zhimaDetail } from "@/lib/alipay/zhima";
import { defineRoute } from "@/lib/api/route";

// GET|POST /api/payment/ali/zhima_detail – the cached score with its time, for the account page.
export const POST = defineRoute(
  {
    auth: "user",
    params: z.object({}),
    answer: z.object({
      bound: z.boolean(),
      score: z.number().int().nullable(),
      updated_at: z.string().nullable().describe("ISO 8601"),
    }),
  },
  async ({ user }) => zhimaDetail(user.id),
);
export const GET = POST;
