import { type Browser, devices, expect, type Page, test } from "@playwright/test";
import { offline } from "./fixtures/session";
import { payFee } from "./fixtures/viewing";

// Earnings end to end in the sandbox: a tenant invited by a friend pays two viewing fees of one
// demo landlord through the Alipay sandbox cashier and confirms both viewings (status 3); the
// landlord sees the 50% share on /wallet and withdraws it to the sandbox Alipay account bound in
// the browser (the payout job pays it within a minute); the inviter sees the 10% reward.

const phone = devices["Pixel 7"];
const LANDLORD = "demo-landlord-3";

async function signedIn(browser: Browser, baseURL: string, name: string, callbackUrl = "/me") {
  const context = await browser.newContext({ ...phone });
  await offline(context, baseURL);
  const page = await context.newPage();
  await page.goto(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByLabel("显示名").fill(name);
  await page.getByRole("button", { name: "开发登录" }).click();
  await page.waitForURL((url) => url.pathname === callbackUrl);
  return { context, page };
}

/** Calls an /api endpoint with the page's session; answers `ans` once status is 0. */
async function apiCall(
  page: Page,
  baseURL: string,
  path: string,
  form: Record<string, string> = {},
) {
  const response = await page.request.post(path, { headers: { origin: baseURL }, form });
  const body = await response.json();
  expect(body.status, `${path}: ${body.msg}`).toBe(0);
  return body.ans;
}

test("a landlord and an inviter earn from settled viewing fees and the landlord withdraws to Alipay", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  if (!baseURL) throw new Error("baseURL missing");

  // The landlord's two published listings.
  const landlord = await signedIn(browser, baseURL, LANDLORD, "/me");
  const houses = (await apiCall(landlord.page, baseURL, "/api/my_house_list")) as Array<{
    id: number;
    status: number;
    user_id?: number;
  }>;
  const published = houses.filter((house) => house.status === 1).slice(0, 2);
  expect(published).toHaveLength(2);
  // Other specs may have paid this landlord's fees before: amounts are checked as differences.
  const before = await apiCall(landlord.page, baseURL, "/api/wallet");
  const yuan = (cents: number) => `¥${(cents / 100).toFixed(2)}`;

  // The inviter's code, entered by the tenant.
  const inviter = await signedIn(browser, baseURL, `邀请人${Date.now() % 1_000_000}`, "/invite");
  const codes = await apiCall(inviter.page, baseURL, "/api/invitation/getcode");
  const tenantName = `租客${Date.now() % 1_000_000}`;
  const tenantTel = `137${String(Date.now()).slice(-8)}`;
  const tenant = await signedIn(browser, baseURL, tenantName, "/me");
  await apiCall(tenant.page, baseURL, "/api/invitation/setcode", {
    invite_code: codes.my_invite_code,
  });
  // Two viewing fees paid in the sandbox cashier, then both viewings confirmed (status 3).
  for (const house of published) {
    const preOrderId = String(await payFee(tenant.page, house.id, tenantTel));
    await apiCall(tenant.page, baseURL, "/api/order/confirm_viewing", { pre_order_id: preOrderId });
  }

  // The inviter sees 10% of both fees on /invite and /wallet.
  await inviter.page.goto("/invite");
  await expect(inviter.page.getByTestId("invite-earnings")).toContainText("已结算 ¥2.00");
  await inviter.page.goto("/wallet");
  await expect(inviter.page.getByTestId("wallet-payable")).toHaveText("¥2.00");
  await expect(inviter.page.getByTestId("wallet-entries")).toContainText(`好友 ${tenantName}`);

  // The landlord binds the sandbox Alipay account, sees 50% of both fees and withdraws them.
  await landlord.page.goto("/alipay");
  await landlord.page.getByRole("button", { name: "绑定支付宝" }).click();
  await landlord.page.getByRole("button", { name: "同意授权" }).click();
  await expect(landlord.page.getByText("支付宝绑定成功")).toBeVisible();
  await landlord.page.goto("/me/houses");
  await expect(landlord.page.getByTestId("house-earnings")).toContainText("已结算 ¥");
  for (const house of published)
    await expect(landlord.page.getByTestId(`house-earned-${house.id}`)).toContainText("已结算 ¥");
  await landlord.page.goto("/wallet");
  await expect(landlord.page.getByText("收益规则")).toBeVisible();
  await expect(landlord.page.getByTestId("wallet-payable")).toHaveText(
    yuan(before.payable_cents + 1000),
  );
  await expect(landlord.page.getByTestId("wallet-account")).toContainText("****");
  await expect(landlord.page.getByTestId("wallet-entries")).toContainText("看房完成，佣金可提现");
  await landlord.page.getByLabel("提现金额（元）").fill("10.00");
  await landlord.page.getByRole("button", { name: "申请提现" }).click();
  await expect(landlord.page.getByText("提现申请已提交。")).toBeVisible();
  await expect(landlord.page.getByTestId("wallet-payable")).toHaveText(yuan(before.payable_cents));

  // The payout job (a pass every minute) pays it to the bound account.
  await expect
    .poll(
      async () => {
        await landlord.page.goto("/wallet/withdrawals");
        return landlord.page
          .getByTestId("withdrawal-list")
          .locator("section")
          .first()
          .textContent();
      },
      { timeout: 150_000, intervals: [5_000] },
    )
    .toContain("已到账");
  await landlord.page.goto("/wallet");
  await expect(landlord.page.getByTestId("wallet-paid")).toHaveText(yuan(before.paid_cents + 1000));

  for (const each of [landlord, inviter, tenant]) await each.context.close();
});
