import { type BrowserContext, devices, expect, type Page, test } from "@playwright/test";

// Issue 16's reproductions, on a phone inside WeChat against the seeded demo data (成都, 北京
// and 上海 have listings, the other picker cities none).

const phone = devices["Pixel 7"];
const WECHAT_UA = `${phone.userAgent} MicroMessenger/8.0.47.2560(0x28002F30) NetType/WIFI Language/zh_CN`;

test.use({ ...phone, userAgent: WECHAT_UA });

/** Map tiles come from the internet: block them so the page must work without. */
async function localOnly(context: BrowserContext, baseURL: string) {
  const origin = new URL(baseURL).origin;
  await context.route(
    (url) => url.origin !== origin,
    (route) => route.abort(),
  );
}

test.beforeEach(async ({ context, baseURL }) => {
  await localOnly(context, baseURL ?? "");
});

const results = (page: Page) => page.getByTestId("search-result");
const pins = (page: Page) =>
  page.getByRole("region", { name: "房源地图" }).locator(".leaflet-marker-icon");

test("a city change and filters fit the map to the results, so map and list agree", async ({
  page,
}) => {
  await page.goto("/?city=510100&z=14");
  await expect(results(page).first()).toBeVisible();
  await page.getByLabel("城市").selectOption({ label: "北京" });
  await page.getByRole("button", { name: /^筛选/ }).click();
  const sheet = page.getByRole("dialog", { name: "筛选" });
  await sheet.getByRole("button", { name: "6000以上" }).click();
  await sheet.getByRole("button", { name: "整租", exact: true }).click();
  await sheet.getByRole("button", { name: "2室" }).click();
  // The sheet's button says how many it will show before applying.
  await expect(sheet.getByTestId("apply-filters")).toHaveText(/^查看 \d+\+? 套房源$/);
  await sheet.getByTestId("apply-filters").click();
  await expect(page.getByTestId("result-count")).toHaveText(/共找到 \d+\+? 套/);
  await expect(results(page).first()).toBeVisible();
  // The map moved to the results (zoom 14 no longer holds) and shows them.
  await expect(page).not.toHaveURL(/[?&]z=14(&|$)/);
  await expect(pins(page).first()).toBeVisible();
});

test("back from a listing returns to the same search, by the arrow and by the system back", async ({
  page,
}) => {
  await page.goto("/?city=110100&sort=4&room=1");
  await results(page).nth(2).click();
  await expect(page).toHaveURL(/\/houses\/\d+/);
  await page.getByRole("link", { name: "返回找房" }).click();
  await expect(page).toHaveURL(/city=110100/);
  await expect(page).toHaveURL(/sort=4/);
  await expect(page).toHaveURL(/room=1/);
  await expect(page.getByLabel("排序")).toHaveValue("4");
  await expect(page.getByLabel("城市")).toHaveValue("110100");

  await results(page).first().click();
  await expect(page).toHaveURL(/\/houses\/\d+/);
  await page.goBack();
  await expect(page).toHaveURL(/city=110100.*sort=4.*room=1|city=110100.*room=1.*sort=4/);
  await expect(page.getByLabel("排序")).toHaveValue("4");
  await expect(results(page).first()).toBeVisible();
});

test("offline, the loaded list stays with a Chinese message, and the search resumes online", async ({
  page,
  context,
}) => {
  await page.goto("/?city=510100");
  await expect(results(page).first()).toBeVisible();
  const before = await results(page).count();
  await context.setOffline(true);
  await page.getByLabel("排序").selectOption("4");
  await expect(page.getByText(/网络不可用/).first()).toBeVisible();
  await expect(results(page)).toHaveCount(before);
  await results(page).first().click();
  await expect(page).toHaveURL(/\/\?/);
  await expect(results(page).first()).toBeVisible();
  await context.setOffline(false);
  await expect(page.getByText(/网络不可用/)).toHaveCount(0);
  // Sorted by rent once the network is back.
  await expect
    .poll(async () => {
      const rents = (await page.getByTestId("result-rent").allTextContents()).map((text) =>
        Number(text.replace(/\D/g, "")),
      );
      return rents.every((rent, index) => index === 0 || rent >= (rents[index - 1] ?? 0));
    })
    .toBe(true);
});

test("the first page of results is in the server's HTML", async ({ page }) => {
  const response = await page.request.get("/?city=110100&sort=2");
  const html = await response.text();
  expect(html).toContain('data-testid="search-result"');
  expect(html).toMatch(/共找到/);
});

test("empty results say what is true, and one tap drops the last filter", async ({ page }) => {
  await page.goto("/?city=440100");
  await expect(page.getByTestId("no-results")).toHaveText("广州还没有房源，换个城市看看");

  await page.goto("/?city=110100&rent_min=900000");
  await expect(page.getByTestId("no-results")).toContainText("没有符合筛选条件的房源");
  await page.getByRole("button", { name: "去掉「900000元以上」" }).click();
  await expect(results(page).first()).toBeVisible();
  await expect(page).not.toHaveURL(/rent_min/);
});

test("the area filter keeps one 区县, and the sort menu has 热门", async ({ page }) => {
  await page.goto("/?city=510100");
  await expect(page.getByLabel("排序").locator("option", { hasText: "热门" })).toHaveCount(1);
  await page.getByRole("button", { name: /^筛选/ }).click();
  const sheet = page.getByRole("dialog", { name: "筛选" });
  await sheet.getByRole("button", { name: "锦江区" }).click();
  await sheet.getByTestId("apply-filters").click();
  await expect(page).toHaveURL(/area=510104/);
  await expect(results(page).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "筛选 · 1" })).toBeVisible();
});

test("favourite from a listing: sign in keeps the intent, and 我的收藏 lists it", async ({
  page,
}) => {
  await page.goto("/?city=510100");
  const card = results(page).first();
  const href = (await card.getAttribute("href")) ?? "";
  await page.goto(href);
  await page.getByTestId("favorite-button").click();
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel("显示名").fill(`收藏者${Date.now() % 100000}`);
  await page.getByRole("button", { name: "开发登录" }).click();
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  await expect(page.getByTestId("favorite-button")).toHaveAttribute("aria-pressed", "true");
  await page.goto("/me/favorites");
  await expect(page.getByTestId("favorite-item")).toHaveCount(1);
  await expect(page.locator(`a[href="${href}"]`)).toBeVisible();
});

test("tapping a photo opens the full-screen viewer with room captions", async ({ page }) => {
  await page.goto("/?city=510100");
  await results(page).first().click();
  await page.getByRole("button", { name: "查看大图 1" }).click();
  const viewer = page.getByRole("dialog", { name: "查看照片" });
  await expect(viewer).toBeVisible();
  await expect(viewer.getByTestId("viewer-position")).toHaveText(/^1\/\d+$/);
  await expect(viewer.getByTestId("viewer-caption")).not.toBeEmpty();
  await viewer.getByRole("button", { name: "关闭" }).click();
  await expect(viewer).toHaveCount(0);
  await expect(page.getByRole("region", { name: "附近相似房源" })).toBeVisible();
});

test.describe("desktop", () => {
  test.use({ viewport: { width: 1440, height: 900 }, isMobile: false, hasTouch: false });

  test("top navigation instead of the tab bar; the detail page has a side card", async ({
    page,
  }) => {
    await page.goto("/?city=510100");
    await expect(page.getByRole("navigation", { name: "顶部导航" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "主导航" })).toBeHidden();
    await results(page).first().click();
    await expect(page.getByTestId("side-card")).toBeVisible();
    await expect(
      page.getByTestId("side-card").getByRole("link", { name: "预约看房" }),
    ).toBeVisible();
  });
});
