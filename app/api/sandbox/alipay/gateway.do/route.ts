import { handleSandboxGateway } from "@/lib/alipay/sandbox/gateway";
import { sandboxOnly } from "@/lib/alipay/sandbox/route";
import { describedRoute } from "@/lib/api/described-route";
import { raw } from "@/lib/api/route";

// GET|POST /api/sandbox/alipay/gateway.do – the built-in Alipay gateway (sandbox mode only).
export const GET = describedRoute(
  {
    auth: "none",
    audience: "operators",
    answer: raw(
      "application/json",
      "Alipay's signed gateway answer (sandbox mode only; 404 in live mode).",
    ),
  },
  sandboxOnly(handleSandboxGateway),
);
export const POST = GET;
