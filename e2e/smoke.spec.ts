import { expect, test } from "@playwright/test";

test("the home page opens in sandbox mode with its banner", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("note")).toContainText("沙箱模式");
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
