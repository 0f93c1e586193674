import { handleSandboxGateway } from "@/lib/alipay/sandbox/gateway";
import { sandboxOnly } from "@/lib/alipay/sandbox/route";

// GET|POST /api/sandbox/alipay/gateway.do – the built-in Alipay gateway (sandbox mode only).
export const GET = sandboxOnly(handleSandboxGateway);
export const POST = GET;
