import { z } from "zod";
import { withdrawalStatuses } from "@/db/schema";
import { optional, pageParams } from "@/lib/api/fields";
import { defineRoute } from "@/lib/api/route";
import { adminWithdrawalListAnswer } from "@/lib/earnings/answers";
import { adminWithdrawals } from "@/lib/earnings/wallet";

// GET|POST /api/admin/withdrawals – withdrawals for admins (awaiting approval by default).
export const POST = defineRoute(
  {
    auth: "admin",
    params: z.object({
      status: optional(z.enum(withdrawalStatuses)).transform(
        (value) => value ?? "awaiting_approval",
      ),
      ...pageParams({ maxShift: 1_000_000, maxCount: 200, count: 50 }),
    }),
    answer: adminWithdrawalListAnswer,
  },
  async ({ params }) => adminWithdrawals(params),
);
export const GET = POST;
