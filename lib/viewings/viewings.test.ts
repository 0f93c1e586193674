import { and, eq, inArray } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as disputeDecide } from "@/app/api/admin/dispute_decide/route";
import { POST as disputes } from "@/app/api/admin/disputes/route";
import { GET as fileGet } from "@/app/api/file/[...key]/route";
import { POST as confirmViewing } from "@/app/api/order/confirm_viewing/route";
import { POST as createPreorder } from "@/app/api/order/create_preorder/route";
import { POST as detail } from "@/app/api/order/detail/route";
import { POST as paymentUrl } from "@/app/api/order/get_preorder_paymenturl/route";
import { POST as landlordRespond } from "@/app/api/order/landlord_respond/route";
import { POST as list } from "@/app/api/order/list/route";
import { POST as refundDecision } from "@/app/api/order/refund_decision/route";
import { POST as requestRefund } from "@/app/api/order/request_refund/route";
import { POST as respondToProposal } from "@/app/api/order/respond_to_proposal/route";
import { db } from "@/db";
import {
  houses,
  notifications,
  paymentAttempts,
  sandboxRefunds,
  users,
  viewingEvents,
  viewingRequests,
} from "@/db/schema";
import { writeTransaction } from "@/db/write";
import { alipayProvider } from "@/lib/payments/alipay-provider";
import { insertHouse } from "@/lib/payments/test-support";
import { sendPhoneCode } from "@/lib/phone/codes";
import { purgeSettledRefundPhotos } from "@/lib/viewings/refund-photos";
import { landlordReliability } from "@/lib/viewings/reliability";
import { runViewingRules } from "@/lib/viewings/rules";
import { DEADLINES } from "@/lib/viewings/states";
import {
  buildRequest,
  call,
  createUser,
  htmlBytes,
  jpegBytes,
  storedFiles,
  type TestFile,
} from "@/tests/helpers";
import { servePaymentSandboxes } from "@/tests/payment-sandboxes";
import { CONSENT, createTenant, payWithAlipaySandbox } from "@/tests/viewings";

let server: Awaited<ReturnType<typeof servePaymentSandboxes>>;
beforeAll(async () => {
  server = await servePaymentSandboxes("wx-viewings-oa");
});
afterAll(() => server.close());
afterEach(() => vi.restoreAllMocks());

const HOUR = 3_600_000;

async function unpaid(extra: Record<string, string | number> = {}) {
  const landlord = await createUser({ tel: "13800000077", nickname: "王房东" });
  const tenant = await createTenant({ nickname: "李租客" });
  const house = await insertHouse(landlord.user.id);
  const created = await call(createPreorder, {
    token: tenant.token,
    form: { owner_id: landlord.user.id, house_id: house.id, ...CONSENT, ...extra },
  });
  expect(created.body.status, created.body.msg).toBe(0);
  return { landlord, tenant, house, id: created.body.ans as number };
}

/** A request paid through the Alipay sandbox; `paidAt` is the clock's zero for the rules. */
async function paid(extra: Record<string, string | number> = {}) {
  const scenario = await unpaid(extra);
  await payWithAlipaySandbox(server.url, scenario.tenant.token, scenario.id);
  const request = await row(scenario.id);
  expect(request.status).toBe(2);
  const paidAt = request.paidAt?.getTime() ?? 0;
  return { ...scenario, at: (ms: number) => new Date(paidAt + ms) };
}

async function row(id: number) {
  const request = await db().query.viewingRequests.findFirst({ where: eq(viewingRequests.id, id) });
  if (!request) throw new Error("no request");
  return request;
}

async function act(
  handler: (request: Request) => Promise<Response>,
  token: string,
  form: Record<string, string | number>,
) {
  return (await call(handler, { token, form })).body;
}

async function kinds(userId: number, kind: string) {
  return db()
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)));
}

async function providerRefunds(requestId: number) {
  const [attempt] = await db()
    .select()
    .from(paymentAttempts)
    .where(eq(paymentAttempts.viewingRequestId, requestId));
  return db()
    .select()
    .from(sandboxRefunds)
    .where(eq(sandboxRefunds.outTradeNo, attempt?.outTradeNo ?? ""));
}

describe("before paying", () => {
  it("needs a verified number and the tenant's recorded consent, shared only with this landlord", async () => {
    const landlord = await createUser({ nickname: "房东" });
    const tenant = await createUser({ nickname: "新用户" });
    const house = await insertHouse(landlord.user.id);
    const order = { owner_id: landlord.user.id, house_id: house.id };
    const id = (await act(createPreorder, tenant.token, order)).ans as number;
    const refused = await act(paymentUrl, tenant.token, {
      pre_order_id: id,
      return_url: `${server.url}/pay/return`,
    });
    expect(refused).toMatchObject({ status: 8, ans: { reason: "consent_required" } });

    const unverified = await act(createPreorder, tenant.token, { ...order, ...CONSENT });
    expect(unverified).toMatchObject({ status: 2, ans: { field: "tel" } });

    const codes: string[] = [];
    await sendPhoneCode({
      tel: "13700001234",
      purpose: "viewing",
      userId: tenant.user.id,
      clientAddress: "test",
      sender: { send: async ({ code }) => void codes.push(code) },
    });
    const wrong = await act(createPreorder, tenant.token, {
      ...order,
      ...CONSENT,
      tel: "13700001234",
      tel_code: codes[0] === "000000" ? "111111" : "000000",
    });
    expect(wrong).toMatchObject({ status: 2, ans: { field: "tel_code" } });
    const agreed = await act(createPreorder, tenant.token, {
      ...order,
      ...CONSENT,
      tel: "13700001234",
      tel_code: codes[0] ?? "",
      preferred_date: "2099-03-01",
      preferred_slot: "afternoon",
      message: "周末也可以",
    });
    expect(agreed).toMatchObject({ status: 0, ans: id });
    expect(await row(id)).toMatchObject({
      consentTel: "13700001234",
      preferredDate: "2099-03-01",
      preferredSlot: "afternoon",
      message: "周末也可以",
    });
    expect((await row(id)).consentAt).toBeInstanceOf(Date);

    await payWithAlipaySandbox(server.url, tenant.token, id);
    const seen = (await act(list, landlord.token, {})).ans.as_landlord[0];
    expect(seen).toMatchObject({
      status: 2,
      phase: "awaiting_landlord",
      preferred_time: "2099-03-01 下午",
      message: "周末也可以",
      contact: { tel: "13700001234" },
    });
    expect(seen.actions.map((a: { action: string }) => a.action)).toEqual([
      "accept_time",
      "propose_time",
      "mark_unreachable",
      "mark_shown",
      "mark_let",
    ]);
    // The landlord is told once, with the chosen time and without the tenant's number.
    const told = await kinds(landlord.user.id, "viewing_paid");
    expect(told).toHaveLength(1);
    expect(told[0]?.payload).toContain("2099-03-01 下午");
    expect(told[0]?.payload).not.toContain("13700001234");
  });
});

describe("landlord responses and the viewing", () => {
  it("accepting the tenant's time, then the tenant's 已看房 makes it viewed (status 3), once", async () => {
    const { landlord, tenant, id } = await paid({
      preferred_date: "2099-01-05",
      preferred_slot: "morning",
    });
    expect(
      await act(landlordRespond, landlord.token, { pre_order_id: id, response: "accept" }),
    ).toMatchObject({
      status: 0,
      ans: { refund: false },
    });
    expect(await row(id)).toMatchObject({
      status: 2,
      phase: "time_agreed",
      agreedDate: "2099-01-05",
    });
    expect((await row(id)).landlordRespondedAt).toBeInstanceOf(Date);
    expect(await kinds(tenant.user.id, "viewing_time_agreed")).toHaveLength(1);

    const shown = (await act(detail, tenant.token, { pre_order_id: id })).ans;
    expect(shown.actions.map((a: { action: string }) => a.action)).toEqual([
      "confirm_viewing",
      "request_refund",
    ]);
    expect(shown.deadlines[0]).toMatchObject({ kind: "viewed_after_agreed_time" });

    expect(await act(confirmViewing, tenant.token, { pre_order_id: id })).toMatchObject({
      status: 0,
    });
    expect(await row(id)).toMatchObject({ status: 3, phase: "viewed" });
    expect(await act(confirmViewing, tenant.token, { pre_order_id: id })).toMatchObject({
      status: 8,
    });
    expect(await kinds(landlord.user.id, "viewing_confirmed")).toHaveLength(1);
    expect((await act(detail, landlord.token, { pre_order_id: id })).ans.contact).not.toBeNull();
  });

  it("a proposed time can be declined, proposed again and accepted", async () => {
    const { landlord, tenant, id } = await paid();
    // No preferred time: accepting needs one.
    expect(
      await act(landlordRespond, landlord.token, { pre_order_id: id, response: "accept" }),
    ).toMatchObject({
      status: 8,
    });
    expect(
      await act(landlordRespond, landlord.token, { pre_order_id: id, response: "propose" }),
    ).toMatchObject({
      status: 2,
    });
    const propose = { pre_order_id: id, response: "propose", date: "2099-02-01", slot: "evening" };
    expect(
      await act(landlordRespond, landlord.token, { ...propose, date: "2020-01-01" }),
    ).toMatchObject({ status: 2, ans: { field: "date" } });
    expect((await act(landlordRespond, landlord.token, propose)).status).toBe(0);
    expect(await row(id)).toMatchObject({ phase: "time_proposed", proposedDate: "2099-02-01" });
    expect(await kinds(tenant.user.id, "viewing_time_proposed")).toHaveLength(1);
    expect(
      (await act(respondToProposal, tenant.token, { pre_order_id: id, answer: "decline" })).status,
    ).toBe(0);
    expect(await row(id)).toMatchObject({ phase: "awaiting_landlord", proposedDate: null });
    expect(await kinds(landlord.user.id, "viewing_proposal_declined")).toHaveLength(1);
    expect(
      (await act(respondToProposal, tenant.token, { pre_order_id: id, answer: "decline" })).status,
    ).toBe(8);
    expect(
      (await act(landlordRespond, landlord.token, { ...propose, date: "2099-02-02" })).status,
    ).toBe(0);
    expect(
      (await act(respondToProposal, tenant.token, { pre_order_id: id, answer: "accept" })).status,
    ).toBe(0);
    expect(await row(id)).toMatchObject({
      phase: "time_agreed",
      agreedDate: "2099-02-02",
      agreedSlot: "evening",
    });
    expect((await row(id)).viewingAt?.toISOString()).toBe("2099-02-02T14:00:00.000Z");
  });

  it("房源已出租 refunds the tenant in full at once and pulls the listing off", async () => {
    const { landlord, tenant, house, id } = await paid();
    expect(
      await act(landlordRespond, landlord.token, { pre_order_id: id, response: "let" }),
    ).toMatchObject({
      status: 0,
      ans: { refund: true },
    });
    expect(await row(id)).toMatchObject({ status: 5, phase: "refunded" });
    expect(await providerRefunds(id)).toHaveLength(1);
    const listing = await db().query.houses.findFirst({ where: eq(houses.id, house.id) });
    expect(listing?.status).toBe(2);
    expect(await kinds(tenant.user.id, "viewing_refunded")).toHaveLength(1);
    const seen = (await act(detail, tenant.token, { pre_order_id: id })).ans;
    expect(seen).toMatchObject({
      status_text: "已退款",
      contact: null,
      refund: { provider_status: "succeeded" },
    });
  });

  it("联系不上租客 notifies the tenant, who can answer that they are reachable", async () => {
    const { landlord, tenant, id } = await paid();
    expect(
      (await act(landlordRespond, landlord.token, { pre_order_id: id, response: "unreachable" }))
        .status,
    ).toBe(0);
    expect(await row(id)).toMatchObject({ phase: "tenant_unreachable" });
    expect(await kinds(tenant.user.id, "viewing_tenant_unreachable")).toHaveLength(1);
    expect(
      (await act(respondToProposal, tenant.token, { pre_order_id: id, answer: "reachable" }))
        .status,
    ).toBe(0);
    expect(await row(id)).toMatchObject({ phase: "awaiting_landlord", unreachableAt: null });
  });

  it("refuses forbidden transitions with status 8, someone else's request with 6, a missing one with 7", async () => {
    const { landlord, tenant, id } = await paid();
    const stranger = await createUser();
    expect(
      (await act(landlordRespond, stranger.token, { pre_order_id: id, response: "shown" })).status,
    ).toBe(6);
    expect((await act(confirmViewing, stranger.token, { pre_order_id: id })).status).toBe(6);
    expect(
      (await act(landlordRespond, tenant.token, { pre_order_id: id, response: "shown" })).status,
    ).toBe(6);
    expect((await act(confirmViewing, landlord.token, { pre_order_id: id })).status).toBe(6);
    expect(
      (await act(requestRefund, landlord.token, { pre_order_id: id, reason: "other", text: "x" }))
        .status,
    ).toBe(6);
    expect((await act(confirmViewing, tenant.token, { pre_order_id: 999_999 })).status).toBe(7);
    // Nothing to accept or decline, no refund request to decide.
    expect(
      (await act(respondToProposal, tenant.token, { pre_order_id: id, answer: "accept" })).status,
    ).toBe(8);
    expect(
      (await act(refundDecision, landlord.token, { pre_order_id: id, decision: "accept" })).status,
    ).toBe(8);
    // Unpaid: nothing but paying.
    const fresh = await unpaid();
    for (const response of ["accept", "propose", "let", "unreachable", "shown"])
      expect(
        (
          await act(landlordRespond, fresh.landlord.token, {
            pre_order_id: fresh.id,
            response,
            date: "2099-01-01",
            slot: "morning",
          })
        ).status,
      ).toBe(8);
    expect((await act(confirmViewing, fresh.tenant.token, { pre_order_id: fresh.id })).status).toBe(
      8,
    );
    expect(
      (await act(requestRefund, fresh.tenant.token, { pre_order_id: fresh.id, reason: "no_show" }))
        .status,
    ).toBe(8);
    // Viewed: the landlord can no longer respond, the tenant may ask only for 与描述不符 within 24 hours.
    await act(landlordRespond, landlord.token, { pre_order_id: id, response: "shown" });
    expect(
      (await act(landlordRespond, landlord.token, { pre_order_id: id, response: "let" })).status,
    ).toBe(8);
    await act(confirmViewing, tenant.token, { pre_order_id: id });
    expect(
      (await act(landlordRespond, landlord.token, { pre_order_id: id, response: "unreachable" }))
        .status,
    ).toBe(8);
    expect(
      (await act(requestRefund, tenant.token, { pre_order_id: id, reason: "no_show" })).status,
    ).toBe(8);
    expect(
      (await act(requestRefund, tenant.token, { pre_order_id: id, reason: "other" })).status,
    ).toBe(2);
    expect(await row(id)).toMatchObject({ status: 3 });
  });
});

describe("the rules, each exactly at its deadline", () => {
  const rules = (now: Date) => runViewingRules({ now });

  it("reminds the landlord at 24 hours once, and refunds at 48 hours without a response", async () => {
    const { landlord, tenant, id, at } = await paid();
    await rules(at(DEADLINES.landlordReminder - 1));
    expect(await kinds(landlord.user.id, "viewing_reminder")).toHaveLength(0);
    await rules(at(DEADLINES.landlordReminder));
    await rules(at(DEADLINES.landlordReminder + HOUR));
    expect(await kinds(landlord.user.id, "viewing_reminder")).toHaveLength(1);
    await rules(at(DEADLINES.landlordResponse - 1));
    expect((await row(id)).status).toBe(2);
    const counts = await rules(at(DEADLINES.landlordResponse));
    expect(counts.no_landlord_response).toBe(1);
    expect(await row(id)).toMatchObject({ status: 5, phase: "refunded" });
    expect(await providerRefunds(id)).toHaveLength(1);
    expect(await kinds(tenant.user.id, "viewing_refund_approved")).toHaveLength(1);
    expect((await rules(at(DEADLINES.landlordResponse + HOUR))).no_landlord_response).toBe(0);
  });

  it("refunds 72 hours after 联系不上租客 without a tenant response", async () => {
    const { landlord, id } = await paid();
    await call(landlordRespond, {
      token: landlord.token,
      form: { pre_order_id: id, response: "unreachable" },
    });
    const since = (await row(id)).unreachableAt?.getTime() ?? 0;
    await rules(new Date(since + DEADLINES.tenantUnreachable - 1));
    expect((await row(id)).status).toBe(2);
    await rules(new Date(since + DEADLINES.tenantUnreachable));
    expect((await row(id)).status).toBe(5);
  });

  it("the landlord's 已带看 stands after 48 hours without a dispute (status 3)", async () => {
    const { landlord, tenant, id } = await paid();
    await act(landlordRespond, landlord.token, { pre_order_id: id, response: "shown" });
    expect(await kinds(tenant.user.id, "viewing_shown")).toHaveLength(1);
    const since = (await row(id)).shownAt?.getTime() ?? 0;
    await rules(new Date(since + DEADLINES.shownStands - 1));
    expect((await row(id)).status).toBe(2);
    await rules(new Date(since + DEADLINES.shownStands));
    expect(await row(id)).toMatchObject({ status: 3, phase: "viewed" });
    expect(await kinds(tenant.user.id, "viewing_confirmed")).toHaveLength(1);
  });

  it("7 days after the agreed time the request is viewed", async () => {
    const { landlord, tenant, id } = await paid();
    await act(landlordRespond, landlord.token, {
      pre_order_id: id,
      response: "propose",
      date: "2099-04-01",
      slot: "morning",
    });
    await act(respondToProposal, tenant.token, { pre_order_id: id, answer: "accept" });
    const viewing = new Date("2099-04-01T12:00:00+08:00").getTime();
    expect((await row(id)).viewingAt?.getTime()).toBe(viewing);
    await rules(new Date(viewing + DEADLINES.afterAgreedTime - 1));
    expect((await row(id)).status).toBe(2);
    await rules(new Date(viewing + DEADLINES.afterAgreedTime));
    expect((await row(id)).status).toBe(3);
  });

  it("refunds when no time was agreed within 7 days of payment", async () => {
    const { landlord, id, at } = await paid();
    await act(landlordRespond, landlord.token, {
      pre_order_id: id,
      response: "propose",
      date: "2099-04-01",
      slot: "morning",
    });
    await rules(at(DEADLINES.noAgreedTime - 1));
    expect((await row(id)).status).toBe(2);
    expect((await rules(at(DEADLINES.noAgreedTime))).no_agreed_time).toBe(1);
    expect((await row(id)).status).toBe(5);
  });

  it("refunds when the listing is pulled off before the viewing", async () => {
    const { house, id, at } = await paid();
    await rules(at(HOUR));
    expect((await row(id)).status).toBe(2);
    await writeTransaction((tx) =>
      tx.update(houses).set({ status: 2 }).where(eq(houses.id, house.id)).run(),
    );
    expect((await rules(at(HOUR))).listing_gone).toBe(1);
    expect((await row(id)).status).toBe(5);
  });

  it("a refund request the landlord does not answer in 48 hours is refunded", async () => {
    const { landlord, tenant, id } = await paid();
    await act(landlordRespond, landlord.token, { pre_order_id: id, response: "shown" });
    expect(
      await act(requestRefund, tenant.token, { pre_order_id: id, reason: "no_show" }),
    ).toMatchObject({
      status: 0,
      ans: { automatic: false },
    });
    expect(await row(id)).toMatchObject({ status: 4, phase: "refund_requested" });
    expect(await kinds(landlord.user.id, "viewing_refund_requested")).toHaveLength(1);
    const since = (await row(id)).refundRequestedAt?.getTime() ?? 0;
    await rules(new Date(since + DEADLINES.refundDecision - 1));
    expect((await row(id)).status).toBe(4);
    await rules(new Date(since + DEADLINES.refundDecision));
    expect((await row(id)).status).toBe(5);
  });

  it("a failed refund is retried by the job until it settles, and the tenant sees it", async () => {
    const { landlord, tenant, id } = await paid();
    vi.spyOn(alipayProvider, "refund").mockResolvedValueOnce({
      state: "failed",
      message: "余额不足",
    });
    await act(landlordRespond, landlord.token, { pre_order_id: id, response: "let" });
    expect(await row(id)).toMatchObject({ status: 4, phase: "refund_failed" });
    expect(await kinds(tenant.user.id, "viewing_refund_failed")).toHaveLength(1);
    expect((await act(detail, tenant.token, { pre_order_id: id })).ans).toMatchObject({
      phase_text: "退款失败，正在重试",
      refund: { provider_status: "failed" },
    });
    await rules(new Date());
    expect(await row(id)).toMatchObject({ status: 5, phase: "refunded" });
    expect(await providerRefunds(id)).toHaveLength(1);
  });
});

describe("refunds and disputes", () => {
  it("refunds exactly once when the tenant's request, the landlord's 已出租 and the job fire together", async () => {
    const { landlord, tenant, id, at } = await paid();
    const now = at(DEADLINES.landlordResponse);
    vi.useFakeTimers({ now, toFake: ["Date"] });
    try {
      await Promise.all([
        call(requestRefund, {
          token: tenant.token,
          form: { pre_order_id: id, reason: "unreachable" },
        }),
        call(landlordRespond, {
          token: landlord.token,
          form: { pre_order_id: id, response: "let" },
        }),
        runViewingRules({ now }),
      ]);
    } finally {
      vi.useRealTimers();
    }
    await runViewingRules({ now });
    expect(await row(id)).toMatchObject({ status: 5 });
    expect(await providerRefunds(id)).toHaveLength(1);
    expect(await kinds(tenant.user.id, "viewing_refund_approved")).toHaveLength(1);
    expect(await kinds(tenant.user.id, "viewing_refunded")).toHaveLength(1);
    const approvals = await db()
      .select()
      .from(viewingEvents)
      .where(
        and(eq(viewingEvents.viewingRequestId, id), eq(viewingEvents.kind, "refund_approved")),
      );
    expect(approvals).toHaveLength(1);
  });

  it("blocks a second request for the listing while one is in status 4", async () => {
    const { landlord, tenant, house, id } = await paid();
    await act(landlordRespond, landlord.token, { pre_order_id: id, response: "shown" });
    await act(requestRefund, tenant.token, { pre_order_id: id, reason: "no_show" });
    expect((await row(id)).status).toBe(4);
    const again = await act(createPreorder, tenant.token, {
      owner_id: landlord.user.id,
      house_id: house.id,
      ...CONSENT,
    });
    expect(again).toMatchObject({ status: 0, ans: id });
    const mine = await db()
      .select()
      .from(viewingRequests)
      .where(
        and(eq(viewingRequests.tenantId, tenant.user.id), eq(viewingRequests.houseId, house.id)),
      );
    expect(mine).toHaveLength(1);
  });

  it("a contested refund goes to the admin queue and is decided once, recorded with who and when", async () => {
    const { landlord, tenant, id } = await paid();
    const admin = await createUser();
    await db().update(users).set({ role: "admin" }).where(eq(users.id, admin.user.id));
    await act(landlordRespond, landlord.token, { pre_order_id: id, response: "shown" });
    await act(requestRefund, tenant.token, {
      pre_order_id: id,
      reason: "not_as_described",
      text: "照片与实物不符",
    });
    expect(
      (await act(refundDecision, landlord.token, { pre_order_id: id, decision: "contest" })).status,
    ).toBe(2);
    expect(
      (
        await act(refundDecision, landlord.token, {
          pre_order_id: id,
          decision: "contest",
          reason: "房源与照片一致",
        })
      ).status,
    ).toBe(0);
    expect(await row(id)).toMatchObject({ status: 4, phase: "contested" });
    expect((await act(disputes, tenant.token, {})).status).toBe(6);
    const queue = (await act(disputes, admin.token, {})).ans;
    expect(
      queue.open.find((item: { pre_order_id: number }) => item.pre_order_id === id),
    ).toMatchObject({
      refund_reason_text: "与描述不符/虚假房源",
      refund_text: "照片与实物不符",
      contest_reason: "房源与照片一致",
    });
    // The 48-hour rule no longer applies to a contested request.
    await runViewingRules({ now: new Date(Date.now() + 30 * 24 * HOUR) });
    expect(await row(id)).toMatchObject({ status: 4, phase: "contested" });

    expect(
      (await act(disputeDecide, admin.token, { pre_order_id: id, decision: "reject" })).status,
    ).toBe(2);
    const decisions = await Promise.all([
      call(disputeDecide, { token: admin.token, form: { pre_order_id: id, decision: "refund" } }),
      call(disputeDecide, {
        token: admin.token,
        form: { pre_order_id: id, decision: "reject", reason: "无证据" },
      }),
    ]);
    expect(decisions.map((d) => d.body.status).sort()).toEqual([0, 8]);
    const final = await row(id);
    const events = await db()
      .select()
      .from(viewingEvents)
      .where(
        and(
          eq(viewingEvents.viewingRequestId, id),
          inArray(viewingEvents.kind, ["dispute_refund", "dispute_reject"]),
        ),
      );
    expect(events).toHaveLength(1);
    expect(events[0]?.actorId).toBe(admin.user.id);
    expect(events[0]?.at).toBeInstanceOf(Date);
    if (events[0]?.kind === "dispute_refund") {
      expect(final.status).toBe(5);
      expect(await providerRefunds(id)).toHaveLength(1);
    } else {
      expect(final).toMatchObject({ status: 2, phase: "shown" });
      expect(await providerRefunds(id)).toHaveLength(0);
    }
    expect(await kinds(tenant.user.id, "viewing_dispute_decided")).toHaveLength(1);
    expect(await kinds(landlord.user.id, "viewing_dispute_decided")).toHaveLength(1);
    const after = (await act(disputes, admin.token, {})).ans;
    expect(after.open.some((item: { pre_order_id: number }) => item.pre_order_id === id)).toBe(
      false,
    );
    expect(
      after.decided.find((item: { pre_order_id: number }) => item.pre_order_id === id)?.decision
        .admin_id,
    ).toBe(admin.user.id);
  });

  it("after the viewing, an admin's refund decision refunds through the same path (3 → 4 → 5)", async () => {
    const { landlord, tenant, id } = await paid();
    const admin = await createUser();
    await db().update(users).set({ role: "admin" }).where(eq(users.id, admin.user.id));
    await act(confirmViewing, tenant.token, { pre_order_id: id });
    await act(requestRefund, tenant.token, {
      pre_order_id: id,
      reason: "not_as_described",
      text: "虚假房源",
    });
    expect(await row(id)).toMatchObject({ status: 4, statusBeforeRefund: 3 });
    await act(refundDecision, landlord.token, {
      pre_order_id: id,
      decision: "contest",
      reason: "不同意",
    });
    expect(
      (await act(disputeDecide, admin.token, { pre_order_id: id, decision: "refund" })).status,
    ).toBe(0);
    expect(await row(id)).toMatchObject({ status: 5, phase: "refunded" });
    expect(await providerRefunds(id)).toHaveLength(1);
  });

  it("the tenant's refund request is approved at once from 48 hours without a landlord response", async () => {
    const early = await paid();
    const onTime = await paid();
    const ask = async (scenario: typeof early, now: Date) => {
      vi.useFakeTimers({ now, toFake: ["Date"] });
      try {
        return await act(requestRefund, scenario.tenant.token, {
          pre_order_id: scenario.id,
          reason: "unreachable",
        });
      } finally {
        vi.useRealTimers();
      }
    };
    expect(await ask(early, early.at(DEADLINES.landlordResponse - 1))).toMatchObject({
      ans: { automatic: false },
    });
    expect((await row(early.id)).status).toBe(4);
    expect(await ask(onTime, onTime.at(DEADLINES.landlordResponse))).toMatchObject({
      ans: { automatic: true },
    });
    expect((await row(onTime.id)).status).toBe(5);
  });
});

describe("refund photos", () => {
  async function photo(): Promise<TestFile> {
    return { field: "photos", name: "p.jpg", type: "image/jpeg", data: await jpegBytes() };
  }
  async function withPhotos(
    token: string,
    form: Record<string, string | number>,
    files: TestFile[],
  ) {
    return (await call(requestRefund, { token, form, files })).body;
  }
  /** Opens a stored file through the private file route, as `token`'s user. */
  async function open(url: string, token: string) {
    const key = url.replace(/^\/api\/file\//, "").split("/");
    return fileGet(buildRequest({ path: url, token }), { params: Promise.resolve({ key }) });
  }

  it("are stored privately and shown only to the tenant, the request's landlord and admins", async () => {
    const { landlord, tenant, id } = await paid();
    const admin = await createUser();
    await db().update(users).set({ role: "admin" }).where(eq(users.id, admin.user.id));
    const stranger = await createUser();
    await act(landlordRespond, landlord.token, { pre_order_id: id, response: "shown" });
    const sent = await withPhotos(
      tenant.token,
      { pre_order_id: id, reason: "not_as_described", text: "墙面发霉" },
      [await photo(), await photo()],
    );
    expect(sent.status, sent.msg).toBe(0);
    expect(await row(id)).toMatchObject({ status: 4 });

    const urls: string[] = (await act(detail, landlord.token, { pre_order_id: id })).ans.refund
      .photos;
    expect(urls).toHaveLength(2);
    expect(urls[0]).toMatch(new RegExp(`^/api/file/private/u${tenant.user.id}/`));
    for (const token of [landlord.token, tenant.token, admin.token]) {
      const response = await open(urls[0] ?? "", token);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("image/jpeg");
    }
    expect((await open(urls[0] ?? "", stranger.token)).status).toBe(403);

    await act(refundDecision, landlord.token, {
      pre_order_id: id,
      decision: "contest",
      reason: "房源没有问题",
    });
    const queue = (await act(disputes, admin.token, {})).ans;
    expect(
      queue.open.find((item: { pre_order_id: number }) => item.pre_order_id === id)?.refund_photos,
    ).toEqual(urls);
  });

  it("a bad file, too many photos or photos with another reason are refused and nothing is kept", async () => {
    const { tenant, id } = await paid();
    const before = storedFiles();
    const bad = await withPhotos(
      tenant.token,
      { pre_order_id: id, reason: "other", text: "有问题" },
      [await photo(), { field: "photos", name: "x.jpg", type: "image/jpeg", data: htmlBytes }],
    );
    expect(bad.status).toBe(2);
    expect(bad.msg).toMatch(/[\u4e00-\u9fff]/);
    const four = await withPhotos(
      tenant.token,
      { pre_order_id: id, reason: "other", text: "有问题" },
      await Promise.all([photo(), photo(), photo(), photo()]),
    );
    expect(four.status).not.toBe(0);
    const wrongReason = await withPhotos(tenant.token, { pre_order_id: id, reason: "no_show" }, [
      await photo(),
    ]);
    expect(wrongReason).toMatchObject({ status: 2, ans: { field: "photos" } });
    expect(await row(id)).toMatchObject({ status: 2, refundPhotos: null, refundRequestedAt: null });
    expect(storedFiles()).toEqual(before);
  });

  it("are deleted 180 days after the request, once it is settled, and no longer served", async () => {
    const { landlord, tenant, id, at } = await paid();
    await act(landlordRespond, landlord.token, { pre_order_id: id, response: "shown" });
    await withPhotos(tenant.token, { pre_order_id: id, reason: "other", text: "有问题" }, [
      await photo(),
    ]);
    const [url] = (await act(detail, tenant.token, { pre_order_id: id })).ans.refund.photos;
    const later = at(181 * 24 * HOUR);
    // Still open (status 4): kept whatever its age.
    expect((await purgeSettledRefundPhotos(later)).purged).toBe(0);
    await act(refundDecision, landlord.token, { pre_order_id: id, decision: "accept" });
    await runViewingRules({ now: new Date() });
    expect(await row(id)).toMatchObject({ status: 5 });
    expect((await purgeSettledRefundPhotos(at(HOUR))).purged).toBe(0);
    expect((await purgeSettledRefundPhotos(later)).purged).toBe(1);
    expect(await row(id)).toMatchObject({ refundPhotos: null });
    expect((await open(url, tenant.token)).status).toBe(404);
    expect((await purgeSettledRefundPhotos(later)).purged).toBe(0);
  });

  it("a failed transaction removes the photos it had written", async () => {
    const { landlord, id } = await paid();
    const before = storedFiles();
    // The landlord is not the tenant: the transaction refuses after the photos were written.
    const refused = await withPhotos(
      landlord.token,
      { pre_order_id: id, reason: "other", text: "x" },
      [await photo()],
    );
    expect(refused.status).toBe(6);
    expect(storedFiles()).toEqual(before);
    expect(await row(id)).toMatchObject({ status: 2, refundPhotos: null });
  });
});

describe("landlord reliability", () => {
  it("shows the response rate and median response time of the last 90 days from 3 paid requests", async () => {
    const landlord = await createUser({ nickname: "可靠房东" });
    const house = await insertHouse(landlord.user.id);
    const now = new Date("2026-06-01T00:00:00Z");
    const paidRequest = async (daysAgo: number, respondedAfterMinutes: number | null) => {
      const tenant = await createTenant();
      const paidAt = new Date(now.getTime() - daysAgo * 24 * HOUR);
      await writeTransaction((tx) =>
        tx
          .insert(viewingRequests)
          .values({
            houseId: house.id,
            ownerId: landlord.user.id,
            tenantId: tenant.user.id,
            status: 2,
            phase: "awaiting_landlord",
            paidAt,
            landlordRespondedAt:
              respondedAfterMinutes === null
                ? null
                : new Date(paidAt.getTime() + respondedAfterMinutes * 60_000),
          })
          .run(),
      );
    };
    await paidRequest(1, 30);
    await paidRequest(2, 90);
    expect(await landlordReliability(landlord.user.id, now)).toBeNull();
    await paidRequest(100, 1); // outside the 90 days
    expect(await landlordReliability(landlord.user.id, now)).toBeNull();
    await paidRequest(3, null);
    expect(await landlordReliability(landlord.user.id, now)).toEqual({
      paid_requests: 3,
      response_rate: 67,
      median_response_minutes: 60,
    });
  });
});
