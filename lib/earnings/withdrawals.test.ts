import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as decideRoute } from "@/app/api/admin/withdrawal_decide/route";
import { POST as adminList } from "@/app/api/admin/withdrawals/route";
import { POST as payToCustomerRoute } from "@/app/api/payment/ali/pay_to_customer/route";
import { GET as gateway } from "@/app/api/sandbox/alipay/gateway.do/route";
import { POST as walletRoute } from "@/app/api/wallet/route";
import { GET as statementRoute } from "@/app/api/wallet/statement/route";
import { POST as withdrawRoute } from "@/app/api/wallet/withdraw/route";
import { POST as withdrawalsRoute } from "@/app/api/wallet/withdrawals/route";
import { db } from "@/db";
import {
  houses,
  ledgerEntrySets,
  notifications,
  payouts,
  sandboxAlipayTransfers,
  withdrawals,
} from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { SANDBOX_APP_ID } from "@/lib/alipay/client";
import { checkLedger } from "@/lib/earnings/check";
import { walletOf } from "@/lib/earnings/wallet";
import {
  chinaMonth,
  payWithdrawals,
  requestWithdrawal,
  withdrawalOutBizNo,
} from "@/lib/earnings/withdrawals";
import { runJobPass } from "@/lib/jobs/run";
import { insertHouse, serveRoutes } from "@/lib/payments/test-support";
import {
  invitedBy,
  markViewed,
  paidViewing,
  refundConfirmed,
  verifiedPayee,
} from "@/tests/earnings";
import { call, createUser } from "@/tests/helpers";

let server: Awaited<ReturnType<typeof serveRoutes>>;

beforeAll(async () => {
  server = await serveRoutes({ "/api/sandbox/alipay/gateway.do": gateway });
  process.env.APP_URL = server.url;
  process.env.INTERNAL_API_KEY = "internal-key-for-earnings-tests-0123456789";
});
afterAll(() => server.close());

/** A landlord with `shareCents` payable (the 50% share of settled fees), verified and bound. */
async function landlordWithEarnings(shareCents: number, options: { alipayUserId?: string } = {}) {
  const landlord = await createUser({ nickname: "房东" });
  const tenant = await createUser();
  const house = await insertHouse(landlord.user.id);
  const alipayUserId = await verifiedPayee(landlord.user.id, {
    realName: "李四",
    alipayUserId: options.alipayUserId,
  });
  if (shareCents > 0) {
    const { requestId } = await paidViewing({
      ownerId: landlord.user.id,
      houseId: house.id,
      tenantId: tenant.user.id,
      feeCents: shareCents * 2,
    });
    await markViewed(requestId);
  }
  return { ...landlord, alipayUserId, house, tenant };
}

async function transfersOf(withdrawalId: number) {
  return db()
    .select()
    .from(sandboxAlipayTransfers)
    .where(eq(sandboxAlipayTransfers.outBizNo, withdrawalOutBizNo(withdrawalId)));
}

async function withdrawalRow(id: number) {
  const [row] = await db().select().from(withdrawals).where(eq(withdrawals.id, id));
  return row;
}

describe("withdrawals (提现)", () => {
  it("states the rules: verification, a bound account, at least 10 yuan, payable, one at a time", async () => {
    const stranger = await createUser();
    const refused = await call(withdrawRoute, { token: stranger.token, form: { amount: "10" } });
    expect(refused).toMatchObject({ http: 409, body: { status: 8 } });
    expect(refused.body.msg).toContain("实名认证");

    const landlord = await landlordWithEarnings(2000);
    for (const amount of ["10.001", "abc", "-5", "0"]) {
      const bad = await call(withdrawRoute, { token: landlord.token, form: { amount } });
      expect(bad).toMatchObject({ http: 400, body: { status: 2, ans: { field: "amount" } } });
    }
    const small = await call(withdrawRoute, { token: landlord.token, form: { amount: "9.99" } });
    expect(small.body).toMatchObject({ status: 2, msg: "amount: 最低提现 10.00 元" });
    const tooMuch = await call(withdrawRoute, { token: landlord.token, form: { amount: "20.01" } });
    expect(tooMuch.body).toMatchObject({ status: 8, ans: { payable_cents: 2000 } });

    const first = await call(withdrawRoute, { token: landlord.token, form: { amount: "10.50" } });
    expect(first.body).toMatchObject({
      status: 0,
      ans: {
        amount_cents: 1050,
        status: "queued",
        payee_account_masked: `2088****${landlord.alipayUserId.slice(-4)}`,
      },
    });
    const second = await call(withdrawRoute, { token: landlord.token, form: { amount: "10" } });
    expect(second.body.status).toBe(8);
    expect(second.body.msg).toContain("已有一笔提现");

    const wallet = await call(walletRoute, { token: landlord.token });
    expect(wallet.body.ans).toMatchObject({
      payable_cents: 950,
      reserved_cents: 1050,
      can_withdraw: false,
      open_withdrawal: { amount_cents: 1050 },
      account: { verified: true, bound: true },
    });
    expect(await checkLedger()).toEqual([]);
  });

  it("pays automatically in the verified name, once, however often the job step runs", async () => {
    const landlord = await landlordWithEarnings(3000);
    const withdrawal = await requestWithdrawal(landlord.user.id, 2500);
    expect(withdrawal.payeeName).toBe("李四");
    const passes = await Promise.all([
      runJobPass({ only: "earnings:payouts" }),
      payWithdrawals(),
      payWithdrawals(),
    ]);
    expect(passes).toHaveLength(3);
    await payWithdrawals();
    expect(await transfersOf(withdrawal.id)).toHaveLength(1);
    expect((await transfersOf(withdrawal.id))[0]).toMatchObject({
      identity: landlord.alipayUserId,
      identityType: "ALIPAY_USER_ID",
      transAmount: "25.00",
      status: "SUCCESS",
    });
    expect(await withdrawalRow(withdrawal.id)).toMatchObject({ status: "paid" });
    const [payout] = await db()
      .select()
      .from(payouts)
      .where(eq(payouts.withdrawalId, withdrawal.id));
    expect(payout).toMatchObject({
      payeeName: "李四",
      status: "success",
      outBizNo: `WD-${withdrawal.id}`,
    });
    expect(await walletOf(landlord.user.id)).toMatchObject({
      payable_cents: 500,
      reserved_cents: 0,
      paid_cents: 2500,
    });
    const inbox = await db()
      .select({ kind: notifications.kind })
      .from(notifications)
      .where(eq(notifications.userId, landlord.user.id));
    expect(inbox.map((row) => row.kind)).toContain("withdrawal_paid");
    const listed = await call(withdrawalsRoute, { token: landlord.token });
    expect(listed.body.ans).toMatchObject({ total: 1, withdrawals: [{ status: "paid" }] });
    expect(await checkLedger()).toEqual([]);
  });

  it("waits for an admin above the monthly automatic limit (800 yuan), then pays or returns it", async () => {
    const admin = await createUser({ role: "admin" });
    const landlord = await landlordWithEarnings(200_000);
    const small = await requestWithdrawal(landlord.user.id, 70_000);
    expect(small.status).toBe("queued");
    await payWithdrawals();
    // 700 + 100.01 yuan in the same month is above the limit.
    const big = await requestWithdrawal(landlord.user.id, 10_001);
    expect(big.status).toBe("awaiting_approval");
    await payWithdrawals();
    expect(await transfersOf(big.id)).toHaveLength(0);

    const queue = await call(adminList, { token: admin.token });
    expect(queue.body.ans.withdrawals).toContainEqual(
      expect.objectContaining({ id: big.id, payee_name: "李四", month_total_cents: 80_001 }),
    );
    const byLandlord = await call(decideRoute, {
      token: landlord.token,
      form: { id: big.id, decision: "approve" },
    });
    expect(byLandlord.http).toBe(403);
    const approved = await call(decideRoute, {
      token: admin.token,
      form: { id: big.id, decision: "approve" },
    });
    expect(approved.body).toMatchObject({ status: 0, ans: { status: "queued" } });
    const again = await call(decideRoute, {
      token: admin.token,
      form: { id: big.id, decision: "reject" },
    });
    expect(again.http).toBe(409);
    await payWithdrawals();
    expect(await withdrawalRow(big.id)).toMatchObject({ status: "paid", decidedBy: admin.user.id });

    const third = await requestWithdrawal(landlord.user.id, 5000);
    expect(third.status).toBe("awaiting_approval");
    const rejected = await call(decideRoute, {
      token: admin.token,
      form: { id: third.id, decision: "reject", reason: "资料需核实" },
    });
    expect(rejected.body.ans).toMatchObject({ status: "rejected", reason: "资料需核实" });
    expect(await walletOf(landlord.user.id)).toMatchObject({
      payable_cents: 200_000 - 80_001,
      reserved_cents: 0,
    });
    expect(await checkLedger()).toEqual([]);
  });

  it("counts the monthly limit in China's calendar month", () => {
    const month = chinaMonth(new Date("2026-01-31T16:30:00Z"));
    expect(month.label).toBe("2026-02");
    expect(month.start.toISOString()).toBe("2026-01-31T16:00:00.000Z");
    expect(month.end.toISOString()).toBe("2026-02-28T16:00:00.000Z");
  });

  it("returns a failed payout's amount to payable with Alipay's reason", async () => {
    const landlord = await landlordWithEarnings(1500, { alipayUserId: "2088bad" });
    const withdrawal = await requestWithdrawal(landlord.user.id, 1200);
    expect(await payWithdrawals()).toMatchObject({ failed: 1 });
    await payWithdrawals();
    expect(await transfersOf(withdrawal.id)).toHaveLength(1);
    const row = await withdrawalRow(withdrawal.id);
    expect(row?.status).toBe("failed");
    expect(row?.reason).toContain("收款账号不存在");
    expect(await walletOf(landlord.user.id)).toMatchObject({
      payable_cents: 1500,
      reserved_cents: 0,
    });
    expect(await checkLedger()).toEqual([]);
  });

  it("settles an unknown outcome by querying the withdrawal's out_biz_no, never paying twice", async () => {
    const landlord = await landlordWithEarnings(5000);
    // The transfer reached Alipay, then the answer was lost (a timeout or a crash).
    const executed = await requestWithdrawal(landlord.user.id, 2000);
    await writeTransaction(async (tx) => {
      await tx
        .update(withdrawals)
        .set({ status: "sending" })
        .where(eq(withdrawals.id, executed.id));
      await tx.insert(payouts).values({
        outBizNo: withdrawalOutBizNo(executed.id),
        payeeType: executed.payeeType,
        payeeAccount: executed.payeeAccount,
        payeeName: executed.payeeName,
        amountCents: executed.amountCents,
        remark: "直租收益提现",
        status: "unknown",
        withdrawalId: executed.id,
      });
      await tx.insert(sandboxAlipayTransfers).values({
        appId: SANDBOX_APP_ID,
        outBizNo: withdrawalOutBizNo(executed.id),
        orderId: "20261202110000000000000042",
        transAmount: "20.00",
        identityType: "ALIPAY_USER_ID",
        identity: executed.payeeAccount,
        status: "SUCCESS",
      });
    });
    await payWithdrawals();
    await payWithdrawals();
    expect(await transfersOf(executed.id)).toHaveLength(1);
    expect(await withdrawalRow(executed.id)).toMatchObject({ status: "paid" });

    // The process died after marking it sending, before any transfer row: sent once.
    const interrupted = await requestWithdrawal(landlord.user.id, 1500);
    await writeTransaction((tx) =>
      tx.update(withdrawals).set({ status: "sending" }).where(eq(withdrawals.id, interrupted.id)),
    );
    await Promise.all([payWithdrawals(), payWithdrawals()]);
    expect(await transfersOf(interrupted.id)).toHaveLength(1);
    expect(await withdrawalRow(interrupted.id)).toMatchObject({ status: "paid" });
    expect(await walletOf(landlord.user.id)).toMatchObject({
      payable_cents: 1500,
      paid_cents: 3500,
    });
    expect(await checkLedger()).toEqual([]);
  });

  it("books pay_to_customer as a platform expense with who sent it", async () => {
    const admin = await createUser({ role: "admin" });
    const sent = await call(payToCustomerRoute, {
      token: admin.token,
      form: {
        order_id: "EARN-P-1",
        payee_type: "ALIPAY_USERID",
        payee_acount: "2088123412349999",
        amount: "3.21",
      },
    });
    expect(sent.body.ans).toBe("SUCCESS");
    const byKey = await call(payToCustomerRoute, {
      headers: { "x-internal-key": "internal-key-for-earnings-tests-0123456789" },
      form: {
        order_id: "EARN-P-2",
        payee_type: "ALIPAY_USERID",
        payee_acount: "2088123412349999",
        amount: "1.00",
      },
    });
    expect(byKey.body.ans).toBe("SUCCESS");
    const sets = await db()
      .select()
      .from(ledgerEntrySets)
      .where(eq(ledgerEntrySets.kind, "platform_payout"));
    const memos = sets.map((set) => JSON.parse(set.memo));
    expect(memos).toContainEqual(
      expect.objectContaining({
        via: "admin",
        requested_by: admin.user.id,
        out_biz_no: "EARN-P-1",
      }),
    );
    expect(memos).toContainEqual(
      expect.objectContaining({ via: "internal_key", requested_by: null, out_biz_no: "EARN-P-2" }),
    );
    expect(await checkLedger()).toEqual([]);
  });

  it("downloads the monthly statement as CSV with the source of every line", async () => {
    const landlord = await landlordWithEarnings(1500);
    const month = chinaMonth(new Date()).label;
    const response = await statementRoute(
      new Request(`http://localhost/api/wallet/statement?month=${month}`, {
        headers: { token: landlord.token },
      }),
    );
    expect(response.headers.get("content-type")).toContain("text/csv");
    expect(response.headers.get("content-disposition")).toContain(`zhizu-statement-${month}.csv`);
    const csv = await response.text();
    expect(csv).toContain("时间,事项,账户,金额（元）,来源,比例（%）");
    expect(csv).toContain("获得佣金（待结算）,待结算,15.00,朝阳门两居室,50");
    expect(csv).toContain("看房完成，佣金可提现,可提现,15.00,朝阳门两居室,50");
    // A title that a spreadsheet would run as a formula is written as text.
    await writeTransaction((tx) =>
      tx
        .update(houses)
        .set({ descriptionTitle: '=HYPERLINK("http://evil")' })
        .where(eq(houses.id, landlord.house.id)),
    );
    const guarded = await (
      await statementRoute(
        new Request(`http://localhost/api/wallet/statement?month=${month}`, {
          headers: { token: landlord.token },
        }),
      )
    ).text();
    expect(guarded).toContain(`"'=HYPERLINK(""http://evil"")"`);
    const bad = await call(statementRoute, { token: landlord.token, query: { month: "2026-13" } });
    expect(bad).toMatchObject({ http: 400, body: { status: 2, ans: { field: "month" } } });
  });

  it("keeps the invariants under 50 concurrent settlements, refunds, reversals and withdrawals", async () => {
    const landlord = await landlordWithEarnings(0);
    const inviter = await createUser();
    const viewings = [];
    for (let index = 0; index < 50; index += 1) {
      const tenant = await createUser();
      viewings.push(
        await paidViewing({
          ownerId: landlord.user.id,
          houseId: landlord.house.id,
          tenantId: tenant.user.id,
          feeCents: 2001 + index,
        }),
      );
      if (index % 2 === 0)
        await invitedBy(tenant.user.id, inviter.user.id, new Date(Date.now() - 86_400_000));
    }
    // Settle the first 40 (each twice, at once), refund 10 of them after and the last 10 before
    // settlement (each twice), and withdraw while all of it runs.
    await Promise.all([
      ...viewings
        .slice(0, 40)
        .flatMap(({ requestId }) => [markViewed(requestId), markViewed(requestId)]),
      ...viewings
        .slice(40)
        .flatMap(({ attempt }) => [refundConfirmed(attempt), refundConfirmed(attempt)]),
      requestWithdrawal(landlord.user.id, 1000).catch(() => null),
      payWithdrawals(),
    ]);
    await Promise.all(
      viewings
        .slice(0, 10)
        .flatMap(({ attempt }) => [refundConfirmed(attempt), refundConfirmed(attempt)]),
    );
    await payWithdrawals();
    expect(await checkLedger()).toEqual([]);
    const keys = await db().select({ key: ledgerEntrySets.eventKey }).from(ledgerEntrySets);
    expect(new Set(keys.map((row) => row.key)).size).toBe(keys.length);
    const wallet = await walletOf(landlord.user.id);
    for (const value of [
      wallet.pending_cents,
      wallet.payable_cents,
      wallet.reserved_cents,
      wallet.owed_back_cents,
    ])
      expect(value).toBeGreaterThanOrEqual(0);
    // 30 fees settled and kept: the landlord's half of each, less what was paid out.
    const kept = viewings
      .slice(10, 40)
      .reduce((sum, { attempt }) => sum + Math.floor(attempt.amountCents / 2), 0);
    expect(
      wallet.payable_cents + wallet.reserved_cents + wallet.paid_cents - wallet.owed_back_cents,
    ).toBe(kept);
    expect(wallet.pending_cents).toBe(0);
  });
});
