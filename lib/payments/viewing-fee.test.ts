import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as createPreorder } from "@/app/api/order/create_preorder/route";
import { POST as orderDetail } from "@/app/api/order/detail/route";
import { POST as paymentUrl } from "@/app/api/order/get_preorder_paymenturl/route";
import { POST as notify } from "@/app/api/payment/ali/notify/route";
import { POST as checkout } from "@/app/api/sandbox/alipay/checkout/route";
import { GET as gateway } from "@/app/api/sandbox/alipay/gateway.do/route";
import { db } from "@/db";
import { alipayNotifications, paymentAttempts, viewingRequests } from "@/db/schema";
import { insertHouse, serveRoutes } from "@/lib/payments/test-support";
import { call, createUser } from "@/tests/helpers";

let server: Awaited<ReturnType<typeof serveRoutes>>;

beforeAll(async () => {
  server = await serveRoutes({
    "/api/sandbox/alipay/gateway.do": gateway,
    "/api/sandbox/alipay/checkout": checkout,
    "/api/payment/ali/notify": notify,
  });
  process.env.APP_URL = server.url;
  process.env.ALIPAY_RETURN_ORIGINS = "https://m.zhizu.example, https://partner.example";
});
afterAll(() => server.close());

async function landlordAndTenant() {
  const landlord = await createUser();
  const tenant = await createUser();
  const house = await insertHouse(landlord.user.id);
  return { landlord, tenant, house };
}

async function openPaymentPage(url: string) {
  const response = await fetch(url, { redirect: "manual" });
  return response;
}

describe("viewing fee end to end", () => {
  it("preorder → payment URL → sandbox confirm → notify → paid", async () => {
    const { landlord, tenant, house } = await landlordAndTenant();
    const created = await call(createPreorder, {
      token: tenant.token,
      form: { owner_id: landlord.user.id, house_id: house.id },
    });
    expect(created.body).toMatchObject({ status: 0, msg: "OK" });
    const requestId = created.body.ans as number;

    const returnUrl = `${server.url}/orders/${requestId}/return`;
    const url = await call(paymentUrl, {
      token: tenant.token,
      form: { pre_order_id: requestId, return_url: returnUrl },
    });
    expect(url.body.status).toBe(0);
    expect(url.body.ans.result).toBe("SUCCESS");
    const payment = new URL(url.body.ans.payment_url);
    expect(payment.pathname).toBe("/api/sandbox/alipay/gateway.do");
    expect(JSON.parse(payment.searchParams.get("biz_content") ?? "")).toMatchObject({
      total_amount: "10.00",
      subject: "看房信息费",
      product_code: "QUICK_WAP_WAY",
    });

    const opened = await openPaymentPage(url.body.ans.payment_url);
    expect(opened.status).toBe(303);
    const checkoutUrl = new URL(opened.headers.get("location") ?? "");
    expect(checkoutUrl.pathname).toBe("/sandbox/alipay/checkout");
    const ticket = checkoutUrl.searchParams.get("ticket") ?? "";

    const confirmed = await fetch(`${server.url}/api/sandbox/alipay/checkout`, {
      method: "POST",
      body: new URLSearchParams({ ticket, action: "pay" }),
      redirect: "manual",
    });
    expect(confirmed.status).toBe(303);
    const back = new URL(confirmed.headers.get("location") ?? "");
    expect(back.origin + back.pathname).toBe(returnUrl);
    expect(back.searchParams.get("method")).toBe("alipay.trade.wap.pay.return");

    const [request] = await db()
      .select()
      .from(viewingRequests)
      .where(eq(viewingRequests.id, requestId));
    expect(request?.status).toBe(2);
    const attempts = await db()
      .select()
      .from(paymentAttempts)
      .where(eq(paymentAttempts.viewingRequestId, requestId));
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ status: "paid", amountCents: 1000 });
    const notes = await db().select().from(alipayNotifications);
    expect(notes.map((note) => note.outcome)).toContain("paid");

    const detail = await call(orderDetail, {
      token: tenant.token,
      query: { pre_order_id: requestId },
    });
    expect(detail.body.ans).toMatchObject({ status: 2, status_text: "已支付", role: "tenant" });
  });
});
