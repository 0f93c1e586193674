import { z } from "zod";
import { defineRoute } from "@/lib/api/route";
import { walletAnswer } from "@/lib/earnings/answers";
import { walletOf } from "@/lib/earnings/wallet";

// GET|POST /api/wallet – my earnings (我的收益): pending, payable, paid, the rules, recent entries.
export const POST = defineRoute(
  { auth: "user", params: z.object({}), answer: walletAnswer },
  async ({ user }) => walletOf(user.id),
);
export const GET = POST;
