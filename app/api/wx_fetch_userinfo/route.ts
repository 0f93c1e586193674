import { z } from "zod";
import { clientAddress } from "@/lib/api/client-address";
import { optional, text } from "@/lib/api/fields";
import { rateLimiter } from "@/lib/api/rate-limit";
import { defineRoute } from "@/lib/api/route";
import { ownProfileAnswer } from "@/lib/users/answers";
import { loginWithWechat } from "@/lib/users/wechat";

// Generous per address: mobile carriers put many users behind one NAT address.
const loginLimiter = rateLimiter({ name: "login", limit: 60, windowMs: 60_000 });

const params = z.object({
  code: optional(text({ max: 512 })),
  openid: optional(
    text({ max: 64 }).refine((value) => /^[A-Za-z0-9_-]+$/.test(value), "格式不正确"),
  ),
});

const answer = ownProfileAnswer.extend({
  token: z.string().describe("the API token: send it as the `token` header or Bearer"),
});

// GET|POST /api/wx_fetch_userinfo – WeChat sign-in: exchanges an OAuth code (or, in sandbox mode
// or for a trusted server, a bare openid) for the user's profile and an API token.
export const POST = defineRoute({ auth: "none", params, answer }, async ({ request, params }) => {
  await loginLimiter.check(clientAddress(request));
  return loginWithWechat(params, request.headers.get("x-internal-key"));
});
export const GET = POST;
