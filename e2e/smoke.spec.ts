import { expect, test } from "@playwright/test";

test("the home page opens in sandbox mode with its banner", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("note")).toContainText("沙箱模式");
});
