import { z } from "zod";
import { integer, optional } from "@/lib/api/fields";
import { defineRoute } from "@/lib/api/route";
import { withdrawalListAnswer } from "@/lib/earnings/answers";
import { myWithdrawals } from "@/lib/earnings/wallet";

// GET|POST /api/wallet/withdrawals – my withdrawals (提现记录), newest first (`shift`, `count`).
export const POST = defineRoute(
  {
    auth: "user",
    params: z.object({
      shift: optional(integer({ min: 0, max: 1_000_000 })).transform((value) => value ?? 0),
      count: optional(integer({ min: 1, max: 100 })).transform((value) => value ?? 20),
    }),
    answer: withdrawalListAnswer,
  },
  async ({ user, params }) => myWithdrawals(user.id, params),
);
export const GET = POST;
