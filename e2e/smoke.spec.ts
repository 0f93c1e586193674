import { expect, test } from "@playwright/test";

test("the home page opens in sandbox mode with its banner and icon", async ({ page, request }) => {
  await page.goto("/");
  await expect(page.getByRole("note")).toContainText("沙箱模式");
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute("href", /\/icon\.svg/);
  const robots = await request.get("/robots.txt");
  expect(await robots.text()).toContain("Disallow: /me");
});

test("a removed listing's link shows a Chinese not-found page that leads back to 找房", async ({
  page,
}) => {
  const response = await page.goto("/houses/999999999");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
  await expect(page.getByRole("note")).toContainText("沙箱模式");
  await page.getByRole("link", { name: "去找房" }).click();
  await expect(page).toHaveURL(/\/$/);
});

test("the sign-in page shows a bad display name under its field and lets a visitor browse first", async ({
  page,
}) => {
  await page.goto("/login");
  await page.getByLabel("显示名").fill("   ");
  await page.getByRole("button", { name: "开发登录" }).click();
  await expect(page.getByLabel("显示名")).toHaveAccessibleDescription("请填写 1–20 个字的显示名。");
  await page.getByRole("link", { name: "先去看看房源" }).click();
  await expect(page).toHaveURL(/\/$/);
});
