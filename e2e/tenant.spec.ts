import { devices, expect, test } from "@playwright/test";
import sharp from "sharp";
import { demoLandlords } from "../lib/demo/landlords";
import { devSignIn, offline } from "./fixtures/session";
import { verifyPhoneAndConsent } from "./fixtures/viewing";

// The tenant's whole journey on a phone inside WeChat, against the seeded demo data: search,
// filter, open a listing, request a viewing, meet the open-in-browser guide, pay in a normal
// browser through the sandbox cashier, then the landlord sees the paid request with contacts.

const phone = devices["Pixel 7"];
const WECHAT_UA = `${phone.userAgent} MicroMessenger/8.0.47.2560(0x28002F30) NetType/WIFI Language/zh_CN`;

test.use({ ...phone, userAgent: WECHAT_UA });

test("a WeChat tenant finds a listing, pays the viewing fee in the browser, and the landlord sees it", async ({
  page,
  context,
  browser,
  baseURL,
}) => {
  if (!baseURL) throw new Error("baseURL missing");
  await offline(context, baseURL);
  const tenantName = `租客${Date.now() % 1_000_000}`;
  await devSignIn(page, tenantName, "/");

  // Contact details the landlord gets once the fee is paid.
  const tenantTel = "13912345678";
  const portrait = await sharp({
    create: { width: 64, height: 64, channels: 3, background: "#e85d2a" },
  })
    .jpeg()
    .toBuffer();
  const saved = await page.request.post("/api/create_userinfo", {
    headers: { origin: baseURL },
    multipart: {
      nickname: tenantName,
      sex: "1",
      user_type: "1",
      tel: tenantTel,
      wechat: "tenant_e2e",
      portrait: { name: "me.jpg", mimeType: "image/jpeg", buffer: portrait },
    },
  });
  const savedBody = await saved.json();
  expect(savedBody.status, savedBody.msg).toBe(0);

  // 找房 around 成都's seeded listings: markers on the map (without tiles) and the list.
  await page.goto("/?city=510100");
  await expect(page.getByTestId("search-result").first()).toBeVisible();
  const map = page.getByRole("region", { name: "房源地图" });
  await expect(map.getByText(/^¥\d+$/).first()).toBeVisible();

  // Filter: rent 1500–2500, whole flats only. The URL carries the filters.
  await page.getByRole("button", { name: /^筛选/ }).click();
  const sheet = page.getByRole("dialog", { name: "筛选" });
  await sheet.getByRole("button", { name: "1500-2500" }).click();
  await sheet.getByRole("button", { name: "整租", exact: true }).click();
  await sheet.getByRole("button", { name: /^查看.*房源$/ }).click();
  await expect(page).toHaveURL(/rent_min=1500.*rent_max=2500.*room=1/);
  await expect(page.getByRole("button", { name: "筛选 · 2" })).toBeVisible();
  const results = page.getByTestId("search-result");
  await expect(results.first()).toBeVisible();
  await expect(results.first()).toContainText("整租");
  for (const rent of await page.getByTestId("result-rent").allTextContents()) {
    const value = Number(rent.replace(/[^\d]/g, ""));
    expect(value).toBeGreaterThanOrEqual(1500);
    expect(value).toBeLessThanOrEqual(2500);
  }

  // A shared link reopens the same search.
  const shared = page.url();
  const reopened = await context.newPage();
  await reopened.goto(shared);
  await expect(reopened.getByRole("button", { name: "筛选 · 2" })).toBeVisible();
  await reopened.close();

  // Detail page, then 预约看房.
  await results.first().click();
  await expect(page).toHaveURL(/\/houses\/\d+$/);
  const houseId = Number(new URL(page.url()).pathname.split("/").pop());
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByLabel("房东认证")).toContainText("实名认证");
  const ownerText =
    (await page
      .getByText(/^房东 /)
      .first()
      .textContent()) ?? "";
  const landlord = demoLandlords.find((item) => ownerText.includes(item.nickname));
  expect(landlord, `seeded landlord for "${ownerText}"`).toBeTruthy();

  await page.getByRole("link", { name: "预约看房" }).click();
  await expect(page).toHaveURL(`/houses/${houseId}/viewing`);
  await expect(page.getByText("看房信息费 ¥10.00")).toBeVisible();
  // 微信支付 comes first inside WeChat; this journey takes the second choice, Alipay.
  await expect(page.getByRole("button", { name: "微信支付 ¥10.00" })).toBeVisible();
  // Paying needs a verified number and the consent to share it with this landlord: pressing pay
  // without them points at the number (e2e/viewing-form.spec.ts covers the rest).
  await page.getByRole("button", { name: "微信支付 ¥10.00" }).click();
  await expect(page.getByLabel("手机号", { exact: true })).toBeFocused();
  await expect(page.getByTestId("form-summary")).toContainText("请勾选同意");
  // The number saved in the profile is not verified yet: the page verifies it inline.
  await verifyPhoneAndConsent(page, tenantTel);
  await page.getByRole("button", { name: "用支付宝支付（需在手机浏览器中打开）" }).click();

  // Inside WeChat: the guide, not a navigation to a page WeChat blocks.
  await expect(page.getByRole("heading", { name: "请在手机浏览器中完成支付" })).toBeVisible();
  await expect(page.getByText("在浏览器打开")).toBeVisible();
  expect(new URL(page.url()).pathname).toBe(`/houses/${houseId}/viewing`);
  const paymentUrl = await page.getByLabel("支付宝链接").inputValue();
  expect(paymentUrl).toContain("alipay.trade.wap.pay");

  // The system browser, same session: the sandbox cashier, then back to the return page.
  const browserContext = await browser.newContext({
    ...phone,
    storageState: await context.storageState(),
  });
  await offline(browserContext, baseURL);
  const payPage = await browserContext.newPage();
  await payPage.goto(paymentUrl);
  await expect(payPage).toHaveURL(/\/sandbox\/alipay\/checkout/);
  await payPage.getByRole("button", { name: "确认付款" }).click();
  await expect(payPage).toHaveURL(/\/pay\/return\?pre_order_id=\d+/);
  await expect(payPage.getByRole("heading", { name: "支付成功" })).toBeVisible();
  await expect(payPage.getByLabel("房东联系方式")).toContainText(landlord?.tel ?? "");

  await payPage.goto("/viewings");
  const mine = payPage
    .getByTestId("viewing-request")
    .filter({ has: payPage.locator(`a[href="/houses/${houseId}"]`) });
  await expect(mine).toContainText("已支付");
  await browserContext.close();

  // Back in WeChat, the guide leads to the result, which the notify has already settled.
  await page.getByRole("link", { name: "查看支付结果" }).click();
  await expect(page.getByRole("heading", { name: "支付成功" })).toBeVisible();

  // The landlord of that listing sees the paid request with the tenant's contact.
  const landlordContext = await browser.newContext({ ...phone });
  await offline(landlordContext, baseURL);
  const landlordPage = await landlordContext.newPage();
  await devSignIn(landlordPage, landlord?.openid.replace(/^dev:/, "") ?? "", "/viewings");
  await landlordPage.getByRole("tab", { name: /收到的预约/ }).click();
  const received = landlordPage.getByTestId("viewing-request").filter({ hasText: tenantName });
  await expect(received).toContainText("已支付");
  await expect(received.getByLabel("看房人联系方式")).toContainText(tenantTel);
  await landlordContext.close();
});

test("Alipay binding shows the guide inside WeChat, then binds and reads the Zhima score in the browser", async ({
  page,
  context,
  browser,
  baseURL,
}) => {
  if (!baseURL) throw new Error("baseURL missing");
  await offline(context, baseURL);
  await devSignIn(page, `芝麻${Date.now() % 1_000_000}`, "/alipay");
  await expect(page.getByText("未绑定")).toBeVisible();
  await page.getByRole("button", { name: "绑定支付宝" }).click();
  await expect(page.getByRole("heading", { name: "请在手机浏览器中完成支付宝授权" })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe("/alipay");

  const browserContext = await browser.newContext({
    ...phone,
    storageState: await context.storageState(),
  });
  await offline(browserContext, baseURL);
  const browserPage = await browserContext.newPage();
  await browserPage.goto("/alipay");
  await browserPage.getByRole("button", { name: "绑定支付宝" }).click();
  await browserPage.getByRole("button", { name: "同意授权" }).click();
  await expect(browserPage).toHaveURL(/\/alipay\?bind=ok/);
  await expect(browserPage.getByText("支付宝绑定成功")).toBeVisible();
  await expect(browserPage.getByText("已绑定")).toBeVisible();
  await browserPage.getByRole("button", { name: "刷新芝麻分" }).click();
  await expect(browserPage.getByTestId("zhima-score")).toHaveText(/^\d{3}$/);
  await expect(browserPage.getByText(/更新于/)).toBeVisible();
  await browserContext.close();
});
