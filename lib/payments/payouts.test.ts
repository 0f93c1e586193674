import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as payToCustomer } from "@/app/api/payment/ali/pay_to_customer/route";
import { GET as gateway } from "@/app/api/sandbox/alipay/gateway.do/route";
import { db } from "@/db";
import { payouts, sandboxAlipayTransfers } from "@/db/schema";
import { SANDBOX_APP_ID } from "@/lib/alipay/client";
import { serveRoutes } from "@/lib/payments/test-support";
import { call, createUser } from "@/tests/helpers";

const INTERNAL_KEY = "internal-key-for-tests-0123456789abcdef";
let server: Awaited<ReturnType<typeof serveRoutes>>;

beforeAll(async () => {
  server = await serveRoutes({ "/api/sandbox/alipay/gateway.do": gateway });
  process.env.APP_URL = server.url;
  process.env.INTERNAL_API_KEY = INTERNAL_KEY;
});
afterAll(() => server.close());

const payee = "2088123412341234";

async function transfersFor(outBizNo: string) {
  return db()
    .select()
    .from(sandboxAlipayTransfers)
    .where(eq(sandboxAlipayTransfers.outBizNo, outBizNo));
}

async function payoutRows(outBizNo: string) {
  return db().select().from(payouts).where(eq(payouts.outBizNo, outBizNo));
}

function form(orderId: string, amount = "12.34", extra: Record<string, string> = {}) {
  return { order_id: orderId, payee_type: "ALIPAY_USERID", payee_acount: payee, amount, ...extra };
}

describe("/api/payment/ali/pay_to_customer", () => {
  it("refuses normal users, anonymous callers and a wrong internal key, paying nothing", async () => {
    const { token } = await createUser();
    const byUser = await call(payToCustomer, { token, form: form("P-user") });
    expect(byUser).toMatchObject({ http: 403, body: { status: 6 } });
    const invalidByUser = await call(payToCustomer, { token, form: { order_id: "x y" } });
    expect(invalidByUser.body.status).toBe(6);
    const anonymous = await call(payToCustomer, { form: form("P-user") });
    expect(anonymous.body.status).toBe(4);
    const wrongKey = await call(payToCustomer, {
      headers: { "x-internal-key": `${INTERNAL_KEY}x` },
      form: form("P-user"),
    });
    expect(wrongKey.body.status).toBe(6);
    expect(await payoutRows("P-user")).toHaveLength(0);
    expect(await transfersFor("P-user")).toHaveLength(0);
  });

  it("pays once per order_id: repeated and concurrent calls return the first result", async () => {
    const { user, token } = await createUser({ role: "admin" });
    const first = await call(payToCustomer, { token, form: form("P-1001") });
    expect(first.body).toEqual({ status: 0, msg: "", ans: "SUCCESS" });
    const repeated = await Promise.all([
      call(payToCustomer, { token, form: form("P-1001") }),
      call(payToCustomer, { token, legacy: true, form: form("P-1001") }),
      call(payToCustomer, { headers: { "x-internal-key": INTERNAL_KEY }, form: form("P-1001") }),
    ]);
    for (const result of repeated) expect(result.body.ans).toBe("SUCCESS");
    expect(repeated[1]?.http).toBe(200);

    const transfers = await transfersFor("P-1001");
    expect(transfers).toHaveLength(1);
    expect(transfers[0]).toMatchObject({
      transAmount: "12.34",
      identityType: "ALIPAY_USER_ID",
      identity: payee,
      appId: SANDBOX_APP_ID,
    });
    const rows = await payoutRows("P-1001");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      status: "success",
      amountCents: 1234,
      payeeType: "ALIPAY_USER_ID",
      requestedBy: user.id,
      alipayOrderId: transfers[0]?.orderId,
    });
  });

  it("refuses the same order_id with different details", async () => {
    const { token } = await createUser({ role: "admin" });
    await call(payToCustomer, { token, form: form("P-1002", "1.00") });
    const changed = await call(payToCustomer, { token, form: form("P-1002", "100.00") });
    expect(changed).toMatchObject({ http: 409, body: { status: 8 } });
    expect(await transfersFor("P-1002")).toHaveLength(1);
    expect((await payoutRows("P-1002"))[0]).toMatchObject({ amountCents: 100 });
  });

  it("validates amount (≥ 0.10 yuan, exact cents), payee type and account", async () => {
    const { token } = await createUser({ role: "admin" });
    for (const amount of ["0.09", "0", "-1", "1.001", "abc", "1e3", "99999999"]) {
      const result = await call(payToCustomer, { token, form: form("P-amount", amount) });
      expect(result.body, amount).toMatchObject({ status: 2, ans: { field: "amount" } });
    }
    const badType = await call(payToCustomer, {
      token,
      form: form("P-type", "1", { payee_type: "BANK" }),
    });
    expect(badType.body).toMatchObject({ status: 2, ans: { field: "payee_type" } });
    const noAccount = await call(payToCustomer, {
      token,
      form: { order_id: "P-noacct", amount: "1.00" },
    });
    expect(noAccount.body).toMatchObject({ status: 2, ans: { field: "payee_acount" } });
    const minimum = await call(payToCustomer, { token, form: form("P-min", "0.1") });
    expect(minimum.body.ans).toBe("SUCCESS");
    expect((await payoutRows("P-min"))[0]?.amountCents).toBe(10);
    expect(await db().select().from(payouts).where(eq(payouts.outBizNo, "P-amount"))).toHaveLength(
      0,
    );
  });

  it("records Alipay's refusal as FAILED and answers it again without resending", async () => {
    const headers = { "x-internal-key": INTERNAL_KEY };
    const body = {
      order_id: "P-1003",
      payee_type: "alipay_logonid",
      payee_account: "tenant@example.com",
      amount: "5",
    };
    const first = await call(payToCustomer, { headers, form: body });
    expect(first.body).toMatchObject({ status: 0, ans: "FAILED" });
    expect(first.body.msg).toContain("姓名");
    const again = await call(payToCustomer, { headers, form: body });
    expect(again.body).toMatchObject({ status: 0, ans: "FAILED" });
    expect((await payoutRows("P-1003"))[0]).toMatchObject({
      status: "failed",
      payeeType: "ALIPAY_LOGON_ID",
      requestedBy: null,
    });
    expect(await transfersFor("P-1003")).toHaveLength(0);
  });

  it("settles an interrupted payout by querying the same out_biz_no, never paying twice", async () => {
    const { token } = await createUser({ role: "admin" });
    // The first call timed out after Alipay had executed the transfer.
    await db().insert(payouts).values({
      outBizNo: "P-1004",
      payeeType: "ALIPAY_USER_ID",
      payeeAccount: payee,
      amountCents: 1234,
      remark: "请收款",
      status: "unknown",
    });
    await db().insert(sandboxAlipayTransfers).values({
      appId: SANDBOX_APP_ID,
      outBizNo: "P-1004",
      orderId: "20261128110000000000000001",
      transAmount: "12.34",
      identityType: "ALIPAY_USER_ID",
      identity: payee,
      status: "SUCCESS",
    });
    const settled = await call(payToCustomer, { token, form: form("P-1004") });
    expect(settled.body.ans).toBe("SUCCESS");
    expect(await transfersFor("P-1004")).toHaveLength(1);
    expect((await payoutRows("P-1004"))[0]).toMatchObject({
      status: "success",
      alipayOrderId: "20261128110000000000000001",
    });

    // The first call died before reaching Alipay: it is sent under the same out_biz_no.
    await db().insert(payouts).values({
      outBizNo: "P-1005",
      payeeType: "ALIPAY_USER_ID",
      payeeAccount: payee,
      amountCents: 1234,
      remark: "请收款",
    });
    const resent = await call(payToCustomer, { token, form: form("P-1005") });
    expect(resent.body.ans).toBe("SUCCESS");
    expect(await transfersFor("P-1005")).toHaveLength(1);
    expect((await payoutRows("P-1005"))[0]).toMatchObject({ status: "success" });
  });
});
