import { z } from "zod";
import { alipayAuthUrl } from "@/lib/alipay/binding";
import { defineRoute } from "@/lib/api/route";

// GET|POST /api/payment/ali/get_auth_url – where to send the user to bind their Alipay account.
export const POST = defineRoute(
  {
    auth: "user",
    params: z.object({}),
    answer: z.object({
      result: z.literal("SUCCESS"),
      auth_url: z.string().describe("Alipay authorisation page: send the browser there"),
    }),
  },
  async ({ user }) => alipayAuthUrl(user.id),
);
export const GET = POST;
