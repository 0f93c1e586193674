import { z } from "zod";
import { defineRoute, raw } from "@/lib/api/route";
import { statementResponse } from "@/lib/earnings/wallet";

// GET /api/wallet/statement – my monthly statement (`month` YYYY-MM, China time) as a CSV file.
export const GET = defineRoute(
  {
    auth: "user",
    params: z.object({
      month: z
        .string({ error: "缺少此参数" })
        .regex(/^20\d\d-(0[1-9]|1[0-2])$/, "应为 YYYY-MM 格式的月份"),
    }),
    answer: raw("text/csv", "The month's commission and payout lines, UTF-8 CSV with a BOM."),
  },
  async ({ user, params }) => statementResponse(user.id, params.month),
);
export const POST = GET;
