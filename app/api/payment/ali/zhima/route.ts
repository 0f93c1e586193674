import { z } from "zod";
import { zhimaScore } from "@/lib/alipay/zhima";
import { optional } from "@/lib/api/fields";
import { defineRoute } from "@/lib/api/route";

const refresh = optional(
  z
    .string()
    .transform((value) => value.toUpperCase())
    .pipe(z.enum(["N", "Y", "AUTO"], { error: "应为 N、Y 或 AUTO" })),
).transform((value) => value ?? "AUTO");

// GET|POST /api/payment/ali/zhima – the Zhima score as a string (legacy), or -1 for "none yet".
export const POST = defineRoute(
  {
    auth: "user",
    params: z.object({ refresh }),
    answer: z
      .union([z.string(), z.literal(-1)])
      .describe("the Zhima score as a string, or the number -1 when none is cached (refresh N)"),
  },
  async ({ user, params }) => zhimaScore(user.id, params.refresh),
);
export const GET = POST;
