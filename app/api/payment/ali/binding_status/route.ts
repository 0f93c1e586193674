import { z } from "zod";
import { alipayBindingStatus } from "@/lib/alipay/binding";
import { defineRoute } from "@/lib/api/route";

// GET|POST /api/payment/ali/binding_status – ans 1 when an Alipay account is bound, else -1.
export const POST = defineRoute(
  {
    auth: "user",
    params: z.object({}),
    answer: z.union([z.literal(1), z.literal(-1)]).describe("1 bound, -1 not bound"),
  },
  async ({ user }) => alipayBindingStatus(user.id),
);
export const GET = POST;
