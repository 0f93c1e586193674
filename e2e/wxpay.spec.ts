import { devices, expect, test } from "@playwright/test";
import { demoLandlords } from "../lib/demo/landlords";
import { devSignIn, giveOfficialAccountIdentity } from "./fixtures/session";
import { verifyPhoneAndConsent } from "./fixtures/viewing";

// Inside WeChat a tenant pays the viewing fee with 微信支付 in the sandbox: the page asks the
// server for JSAPI parameters (real v3 signing against the sandbox gateway), the sandbox
// WeixinJSBridge opens the cashier overlay, 确认支付 sends the signed, encrypted notify, and the
// tenant sees the landlord's contact, all in the same tab and session.
//
// JSAPI needs the payer's openid under the Official Account. The dev sign-in has none, so the
// test gives its user one the way the Official Account sign-in would have: a wechat_identities
// row under WECHAT_APP_ID (wx-stub-oa in e2e), written straight into the e2e database.

const phone = devices["Pixel 7"];
const WECHAT_UA = `${phone.userAgent} MicroMessenger/8.0.47.2560(0x28002F30) NetType/WIFI Language/zh_CN`;

test.use({ ...phone, userAgent: WECHAT_UA });

test("a tenant inside WeChat pays the viewing fee with 微信支付 and sees the landlord's contact", async ({
  page,
  context,
  baseURL,
}) => {
  if (!baseURL) throw new Error("baseURL missing");
  const origin = new URL(baseURL).origin;
  await context.route(
    (url) => url.origin !== origin,
    (route) => route.abort(),
  );
  const tenantName = `微信租客${Date.now() % 1_000_000}`;
  await devSignIn(page, tenantName);
  giveOfficialAccountIdentity(tenantName);

  const search = await page.request.get("/api/search_house?loccity=510100&count=1");
  const houseId = (await search.json()).ans[0].house_id as number;
  await page.goto(`/houses/${houseId}/viewing`);
  const ownerText = (await page.getByText(/房东 /).first().textContent()) ?? "";
  const landlord = demoLandlords.find((item) => ownerText.includes(item.nickname));
  expect(landlord, `seeded landlord for "${ownerText}"`).toBeTruthy();

  // 明码标价: the fee and the refund rules before paying; 微信支付 first, Alipay second.
  await expect(page.getByText("看房信息费 ¥10.00")).toBeVisible();
  await expect(page.getByText(/退款：/)).toBeVisible();
  const buttons = page.getByRole("button", { name: /支付/ });
  await expect(buttons.first()).toHaveText("微信支付 ¥10.00");
  await expect(buttons.nth(1)).toHaveText("用支付宝支付（需在手机浏览器中打开）");

  await verifyPhoneAndConsent(page, `136${String(Date.now()).slice(-8)}`);

  // Cancelling the sheet leaves the tenant on the page, free to pay again.
  await buttons.first().click();
  const cashier = page.frameLocator('iframe[title="微信支付沙箱"]');
  await expect(cashier.getByText("¥10.00")).toBeVisible();
  await cashier.getByRole("button", { name: "取消" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "已取消支付" })).toHaveText(
    "已取消支付，可以重新支付。",
  );
  expect(new URL(page.url()).pathname).toBe(`/houses/${houseId}/viewing`);

  await page.getByRole("button", { name: "微信支付 ¥10.00" }).click();
  await cashier.getByRole("button", { name: "确认支付" }).click();
  await expect(page).toHaveURL(/\/pay\/return\?pre_order_id=\d+/);
  await expect(page.getByRole("heading", { name: "支付成功" })).toBeVisible();
  await expect(page.getByLabel("房东联系方式")).toContainText(landlord?.tel ?? "");

  await page.goto("/viewings");
  const mine = page
    .getByTestId("viewing-request")
    .filter({ has: page.locator(`a[href="/houses/${houseId}"]`) });
  await expect(mine).toContainText("已支付");
  await expect(mine).toContainText("微信支付");
});
