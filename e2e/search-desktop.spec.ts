import { devices, expect, test } from "@playwright/test";

// 找房 on a desktop screen: list and map side by side, markers without any map tiles, and a
// filter that narrows the list.

test.use({ ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 } });

test("the desktop search shows markers and a list side by side, and a filter narrows it", async ({
  page,
  baseURL,
}) => {
  if (!baseURL) throw new Error("baseURL missing");
  const origin = new URL(baseURL).origin;
  await page.route(
    (url) => url.origin !== origin,
    (route) => route.abort(),
  );

  await page.goto("/?city=110100");
  const results = page.getByTestId("search-result");
  await expect(results.first()).toBeVisible();
  await expect(
    page
      .getByRole("region", { name: "房源地图" })
      .getByText(/^¥\d+$/)
      .first(),
  ).toBeVisible();

  const list = await page.getByRole("region", { name: "搜索结果" }).boundingBox();
  const map = await page.getByRole("region", { name: "房源地图" }).boundingBox();
  expect(list && map && list.x + list.width <= map.x + 1).toBe(true);

  const before = await results.allTextContents();
  expect(before.some((text) => text.includes("整租"))).toBe(true);

  await page.getByRole("button", { name: /^筛选/ }).click();
  await page.getByRole("dialog", { name: "筛选" }).getByRole("button", { name: "单间" }).click();
  await page.getByRole("button", { name: /^查看.*房源$/ }).click();
  await expect(page).toHaveURL(/room=2/);
  await expect(results.first()).toContainText("单间");
  const after = await results.allTextContents();
  expect(after.length).toBeGreaterThan(0);
  expect(after.every((text) => text.includes("单间"))).toBe(true);
});
