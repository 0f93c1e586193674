import { devices, expect, type Page, test } from "@playwright/test";
import { devSignIn, offline } from "./fixtures/session";

// The viewing request at phone size: a failed pay attempt puts the reason in view, focuses the
// field in error and sends nothing (the browser checks with the API's own rules first).

test.use({ ...devices["Pixel 7"] });

test.beforeEach(async ({ context, baseURL }) => {
  await offline(context, baseURL ?? "");
});

/** Is the element inside the visible part of the page? */
const inView = (page: Page, label: string) =>
  page.getByLabel(label, { exact: true }).evaluate((element) => {
    const box = element.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight;
  });

test("pressing pay without phone or consent shows the error at the field, with focus, and sends no request", async ({
  page,
}) => {
  const search = await page.request.get("/api/search_house?loccity=510100&count=1");
  const houseId = (await search.json()).ans[0].house_id as number;
  await devSignIn(page, `表单${Date.now() % 1_000_000}`, `/houses/${houseId}/viewing`);

  const sent: string[] = [];
  page.on("request", (request) => {
    if (/\/api\/order\//.test(request.url())) sent.push(request.url());
  });
  const pay = page.getByRole("button", { name: "提交申请并支付 ¥10.00" });
  await pay.scrollIntoViewIfNeeded();
  await pay.click();

  // The first field in error is the phone number: focused, in view, announced with its reason.
  const tel = page.getByLabel("手机号", { exact: true });
  await expect(tel).toBeFocused();
  await expect(tel).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#viewing-tel-error")).toHaveText(/请填写手机号/);
  expect(await inView(page, "手机号")).toBe(true);
  // The summary at the pay button names every field in error, consent included.
  const summary = page.getByTestId("form-summary");
  await expect(summary).toContainText("请修改 3 处");
  await expect(summary).toContainText("手机号");
  await expect(summary).toContainText("请勾选同意");

  // A bad number is caught by the API's rule, in the browser.
  await tel.fill("12345");
  await page.getByLabel("验证码", { exact: true }).fill("123456");
  const consent = page.getByRole("checkbox", { name: /我同意将我的手机号提供给该房源的房东/ });
  await pay.click();
  await expect(tel).toBeFocused();
  await expect(page.locator("#viewing-tel-error")).toHaveText("应为 11 位中国大陆手机号");

  // With a good number, consent is what is missing: the checkbox gets focus and is in view.
  await tel.fill("13800138000");
  await pay.click();
  await expect(consent).toBeFocused();
  await expect(consent).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#viewing-consent-error")).toBeVisible();
  await expect(summary).toContainText("请修改 1 处");

  expect(sent).toEqual([]);
});
