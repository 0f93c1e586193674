import { POST as aliNotify } from "@/app/api/payment/ali/notify/route";
import { POST as wxNotify } from "@/app/api/payment/wx/notify/route";
import { POST as aliCheckout } from "@/app/api/sandbox/alipay/checkout/route";
import { GET as aliGateway } from "@/app/api/sandbox/alipay/gateway.do/route";
import { POST as cashier } from "@/app/api/sandbox/wxpay/cashier/route";
import { GET as wxGateway } from "@/app/api/sandbox/wxpay/v3/[...path]/route";
import { serveRoutes } from "@/lib/payments/test-support";

/**
 * Both providers' sandboxes (gateways, cashiers) and our notify endpoints over real HTTP, with
 * APP_URL pointing at them and `oaAppId` as the Official Account, set before the first env()
 * call: notify_url and both sandbox gateways are this server.
 */
export async function servePaymentSandboxes(oaAppId: string) {
  const server = await serveRoutes({
    "/api/sandbox/wxpay/v3/*": wxGateway,
    "/api/sandbox/wxpay/cashier": cashier,
    "/api/payment/wx/notify": wxNotify,
    "/api/sandbox/alipay/gateway.do": aliGateway,
    "/api/sandbox/alipay/checkout": aliCheckout,
    "/api/payment/ali/notify": aliNotify,
  });
  process.env.APP_URL = server.url;
  process.env.WECHAT_APP_ID = oaAppId;
  return server;
}
