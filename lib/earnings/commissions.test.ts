import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import {
  commissions,
  ledgerEntries,
  ledgerEntrySets,
  paymentAttempts,
  ViewingStatus,
  viewingRequests,
} from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { checkLedger } from "@/lib/earnings/check";
import { bookFeeSettled, inRewardWindow, shareOf } from "@/lib/earnings/commissions";
import { LedgerInvariantError, owed, post } from "@/lib/earnings/ledger";
import { walletOf } from "@/lib/earnings/wallet";
import { requestWithdrawal } from "@/lib/earnings/withdrawals";
import { settlePaid } from "@/lib/payments/settlement";
import { insertHouse, sqliteRefusal } from "@/lib/payments/test-support";
import {
  invitedBy,
  landlordWithHouse,
  markViewed,
  paidViewing,
  refundConfirmed,
  verifiedPayee,
} from "@/tests/earnings";
import { createUser } from "@/tests/helpers";

const DAY = 86_400_000;

async function balances(userId: number) {
  const wallet = await walletOf(userId);
  return {
    pending: wallet.pending_cents,
    payable: wallet.payable_cents,
    owedBack: wallet.owed_back_cents,
  };
}

async function platformBalance(account: "fee_income" | "fees_unearned" | "commission_expense") {
  const rows = await db()
    .select({ amount: ledgerEntries.amountCents })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.account, account));
  return rows.reduce((sum, row) => sum + row.amount, 0);
}

async function setup(options: { invitedDaysAgo?: number; inviterIsLandlord?: boolean } = {}) {
  const { landlord, house } = await landlordWithHouse();
  const tenant = await createUser({ nickname: "小王" });
  const inviter = options.inviterIsLandlord ? landlord : await createUser({ nickname: "邀请人" });
  if (options.invitedDaysAgo !== undefined)
    await invitedBy(
      tenant.user.id,
      inviter.user.id,
      new Date(Date.now() - options.invitedDaysAgo * DAY),
    );
  // One open request per tenant and listing: every payment is for another listing.
  const pay = async (extra: { feeCents?: number; paidAt?: Date } = {}) =>
    paidViewing({
      ownerId: landlord.user.id,
      houseId: (await insertHouse(landlord.user.id)).id,
      tenantId: tenant.user.id,
      ...extra,
    });
  return { landlord, house, tenant, inviter, pay };
}

describe("commissions on viewing fees", () => {
  it("pays the landlord's share and the inviter's reward: pending when paid, payable when viewed", async () => {
    const { landlord, inviter, pay } = await setup({ invitedDaysAgo: 10 });
    const { requestId } = await pay();
    expect(await balances(landlord.user.id)).toEqual({ pending: 500, payable: 0, owedBack: 0 });
    expect(await balances(inviter.user.id)).toEqual({ pending: 100, payable: 0, owedBack: 0 });

    expect(await markViewed(requestId)).toBe(true);
    expect(await balances(landlord.user.id)).toEqual({ pending: 0, payable: 500, owedBack: 0 });
    expect(await balances(inviter.user.id)).toEqual({ pending: 0, payable: 100, owedBack: 0 });

    // Settling again (a retried transaction) books nothing more.
    expect(await writeTransaction((tx) => bookFeeSettled(tx, requestId, new Date()))).toBe(false);
    expect(await balances(landlord.user.id)).toMatchObject({ payable: 500 });

    const rows = await db()
      .select()
      .from(commissions)
      .where(eq(commissions.viewingRequestId, requestId));
    expect(
      rows.map((row) => [row.kind, row.ratePercent, row.amountCents, row.status]).sort(),
    ).toEqual([
      ["invite_reward", 10, 100, "payable"],
      ["landlord_share", 50, 500, "payable"],
    ]);
    // The rates in force are on every commission line.
    const lines = await db()
      .select({ rate: ledgerEntries.ratePercent, account: ledgerEntries.account })
      .from(ledgerEntries)
      .where(eq(ledgerEntries.userId, inviter.user.id));
    expect(lines.every((line) => line.rate === 10)).toBe(true);
    const wallet = await walletOf(landlord.user.id);
    expect(wallet.recent[0]).toMatchObject({ source_type: "listing", source: "朝阳门两居室" });
    const friend = await walletOf(inviter.user.id);
    expect(friend.recent[0]).toMatchObject({ source_type: "friend", source: "好友 小王" });
    expect(await checkLedger()).toEqual([]);
  });

  it("rounds every share down to the cent and leaves the remainder with the platform", async () => {
    expect(shareOf(999, 50)).toBe(499);
    expect(shareOf(999, 10)).toBe(99);
    expect(shareOf(1, 50)).toBe(0);
    const { landlord, inviter, pay } = await setup({ invitedDaysAgo: 1 });
    const income = await platformBalance("fee_income");
    const expense = await platformBalance("commission_expense");
    const { requestId } = await pay({ feeCents: 999 });
    await markViewed(requestId);
    expect((await balances(landlord.user.id)).payable).toBe(499);
    expect((await balances(inviter.user.id)).payable).toBe(99);
    expect((await platformBalance("fee_income")) - income).toBe(-999);
    expect((await platformBalance("commission_expense")) - expense).toBe(598);

    // A fee too small for a whole cent of share earns nothing, and books no empty line.
    const tiny = await pay({ feeCents: 1 });
    await markViewed(tiny.requestId);
    const tinyRows = await db()
      .select()
      .from(commissions)
      .where(eq(commissions.viewingRequestId, tiny.requestId));
    expect(tinyRows).toEqual([]);
    expect(await checkLedger()).toEqual([]);
  });

  it("rewards the inviter only for fees paid within 365 days after the code was entered", () => {
    const set = new Date("2026-01-01T00:00:00Z");
    expect(inRewardWindow(set, new Date(set.getTime() - 1))).toBe(false);
    expect(inRewardWindow(set, set)).toBe(true);
    expect(inRewardWindow(set, new Date(set.getTime() + 365 * DAY - 1))).toBe(true);
    expect(inRewardWindow(set, new Date(set.getTime() + 365 * DAY))).toBe(false);
  });

  it("applies the window edges to real payments", async () => {
    const { inviter, tenant, pay } = await setup();
    const setAt = new Date("2026-03-01T08:00:00Z");
    await invitedBy(tenant.user.id, inviter.user.id, setAt);
    await pay({ paidAt: new Date(setAt.getTime() - 1) });
    expect((await balances(inviter.user.id)).pending).toBe(0);
    await pay({ paidAt: new Date(setAt.getTime() + 365 * DAY - 1) });
    expect((await balances(inviter.user.id)).pending).toBe(100);
    await pay({ paidAt: new Date(setAt.getTime() + 365 * DAY) });
    expect((await balances(inviter.user.id)).pending).toBe(100);
  });

  it("never rewards the inviter when the inviter is the listing's landlord", async () => {
    const { landlord, pay } = await setup({ invitedDaysAgo: 3, inviterIsLandlord: true });
    const { requestId } = await pay();
    await markViewed(requestId);
    expect(await balances(landlord.user.id)).toEqual({ pending: 0, payable: 500, owedBack: 0 });
    const kinds = await db()
      .select({ kind: commissions.kind })
      .from(commissions)
      .where(eq(commissions.viewingRequestId, requestId));
    expect(kinds).toEqual([{ kind: "landlord_share" }]);
  });

  it("earns nothing on a fee refunded before settlement", async () => {
    const { landlord, inviter, pay } = await setup({ invitedDaysAgo: 5 });
    const unearned = await platformBalance("fees_unearned");
    const { requestId, attempt } = await pay();
    expect(await refundConfirmed(attempt)).toBe("recorded");
    expect(await balances(landlord.user.id)).toEqual({ pending: 0, payable: 0, owedBack: 0 });
    expect(await balances(inviter.user.id)).toEqual({ pending: 0, payable: 0, owedBack: 0 });
    const [request] = await db()
      .select()
      .from(viewingRequests)
      .where(eq(viewingRequests.id, requestId));
    expect(request?.status).toBe(ViewingStatus.refunded);
    expect(await platformBalance("fees_unearned")).toBe(unearned);
    // A refunded request never settles.
    expect(await writeTransaction((tx) => bookFeeSettled(tx, requestId, new Date()))).toBe(false);
    const statuses = await db()
      .select({ status: commissions.status })
      .from(commissions)
      .where(eq(commissions.viewingRequestId, requestId));
    expect(statuses.map((row) => row.status)).toEqual(["cancelled", "cancelled"]);
    expect(await checkLedger()).toEqual([]);
  });

  it("reverses commissions on a refund after settlement, owing back what was already withdrawn", async () => {
    const { landlord, pay } = await setup();
    await verifiedPayee(landlord.user.id);
    const first = await pay({ feeCents: 4000 });
    await markViewed(first.requestId);
    // Half of the share is in a withdrawal when the refund arrives.
    await requestWithdrawal(landlord.user.id, 1000);
    await refundConfirmed(first.attempt);
    expect(await balances(landlord.user.id)).toEqual({ pending: 0, payable: 0, owedBack: 1000 });
    const [reversed] = await db()
      .select()
      .from(commissions)
      .where(eq(commissions.viewingRequestId, first.requestId));
    expect(reversed?.status).toBe("reversed");
    expect(await checkLedger()).toEqual([]);

    // The next commission first settles what is owed back.
    const second = await pay({ feeCents: 4000 });
    await markViewed(second.requestId);
    expect(await balances(landlord.user.id)).toEqual({ pending: 0, payable: 1000, owedBack: 0 });
    expect(await checkLedger()).toEqual([]);
  });

  it("books a duplicate payment as received and refunded, with no commission", async () => {
    const { landlord, pay } = await setup();
    const { requestId } = await pay();
    const duplicate = await writeTransaction(async (tx) => {
      const [attempt] = await tx
        .insert(paymentAttempts)
        .values({ viewingRequestId: requestId, outTradeNo: `DUP${requestId}`, amountCents: 1000 })
        .returning();
      if (!attempt) throw new Error("no attempt");
      expect(await settlePaid(tx, attempt, "dup-trade", new Date())).toBe(
        "paid_request_not_pending",
      );
      return attempt;
    });
    expect((await balances(landlord.user.id)).pending).toBe(500);
    const [paid] = await db()
      .select()
      .from(paymentAttempts)
      .where(eq(paymentAttempts.id, duplicate.id));
    if (!paid) throw new Error("missing");
    await refundConfirmed(paid);
    await markViewed(requestId);
    expect(await balances(landlord.user.id)).toEqual({ pending: 0, payable: 500, owedBack: 0 });
    expect(await checkLedger()).toEqual([]);
  });

  it("refuses an unbalanced entry set and anything that would make an owed balance negative", async () => {
    const user = await createUser();
    await expect(
      writeTransaction((tx) =>
        post(tx, {
          eventKey: "test-unbalanced",
          kind: "fee_paid",
          at: new Date(),
          lines: [
            { account: "provider_funds", amountCents: 100 },
            { account: "fees_unearned", amountCents: -99 },
          ],
        }),
      ),
    ).rejects.toThrow(LedgerInvariantError);
    await expect(
      writeTransaction((tx) =>
        post(tx, {
          eventKey: "test-overdraw",
          kind: "withdrawal_requested",
          at: new Date(),
          lines: [
            { account: "commission_payable", userId: user.user.id, amountCents: 100 },
            { account: "payout_reserved", userId: user.user.id, amountCents: -100 },
          ],
        }),
      ),
    ).rejects.toThrow(/would go negative/);
    const sets = await db()
      .select()
      .from(ledgerEntrySets)
      .where(eq(ledgerEntrySets.eventKey, "test-overdraw"));
    expect(sets).toEqual([]);
    expect(await owed(db(), user.user.id, "payout_reserved")).toBe(0);
    // The ledger is append-only.
    expect(await sqliteRefusal(() => db().run(sql`delete from ledger_entries`))).toMatch(
      /append-only/,
    );
  });
});
