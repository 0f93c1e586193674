import { z } from "zod";
import { text } from "@/lib/api/fields";
import { defineRoute } from "@/lib/api/route";
import { withdrawalAnswer } from "@/lib/earnings/answers";
import { withdraw } from "@/lib/earnings/wallet";
import { yuanToCents } from "@/lib/payments/money";

// POST /api/wallet/withdraw – withdraw `amount` yuan (at least 10, two decimals at most) of my
// payable earnings to my bound Alipay account, in my verified real name.
export const POST = defineRoute(
  {
    auth: "user",
    params: z.object({
      amount: text({ max: 20 }).transform((value, context) => {
        const cents = yuanToCents(value);
        if (cents === null || cents === 0) {
          context.addIssue({ code: "custom", message: "应为金额（元，最多两位小数）" });
          return z.NEVER;
        }
        return cents;
      }),
    }),
    answer: withdrawalAnswer,
  },
  async ({ user, params }) => withdraw(user.id, params.amount),
);
