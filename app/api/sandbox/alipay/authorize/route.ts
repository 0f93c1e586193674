import { readAuthorizeRequest, submitAuthorize } from "@/lib/alipay/sandbox/authorize";
import { sandboxOnly } from "@/lib/alipay/sandbox/route";
import { describedRoute } from "@/lib/api/described-route";
import { raw } from "@/lib/api/route";

// POST /api/sandbox/alipay/authorize – the sandbox authorize page's 同意授权 / 拒绝 form.
export const POST = describedRoute(
  {
    auth: "none",
    audience: "operators",
    answer: raw("redirect", "302 back to the merchant's return URL with the outcome."),
  },
  sandboxOnly(async (request) => {
    const form = Object.fromEntries(new URLSearchParams(await request.text()));
    return submitAuthorize(readAuthorizeRequest(form), form.action ?? "", form.logon_id ?? "");
  }),
);
