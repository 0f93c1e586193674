import { z } from "zod";
import { pageParams } from "@/lib/api/fields";
import { defineRoute } from "@/lib/api/route";
import { withdrawalListAnswer } from "@/lib/earnings/answers";
import { myWithdrawals } from "@/lib/earnings/wallet";

// GET|POST /api/wallet/withdrawals – my withdrawals (提现记录), newest first (`shift`, `count`).
export const POST = defineRoute(
  {
    auth: "user",
    params: z.object(pageParams({ maxShift: 1_000_000, maxCount: 100, count: 20 })),
    answer: withdrawalListAnswer,
  },
  async ({ user, params }) => myWithdrawals(user.id, params),
);
export const GET = POST;
