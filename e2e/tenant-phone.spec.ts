import { devices, expect, type Page, test } from "@playwright/test";
import { offline } from "./fixtures/session";

// Issue 16's reproductions, on a phone inside WeChat against the seeded demo data (成都, 北京
// and 上海 have listings, the other picker cities none).

const phone = devices["Pixel 7"];
const WECHAT_UA = `${phone.userAgent} MicroMessenger/8.0.47.2560(0x28002F30) NetType/WIFI Language/zh_CN`;

test.use({ ...phone, userAgent: WECHAT_UA });

test.beforeEach(async ({ context, baseURL }) => {
  await offline(context, baseURL ?? "");
});

const results = (page: Page) => page.getByTestId("search-result");
const hrefs = (page: Page) =>
  results(page).evaluateAll((cards) => cards.map((card) => card.getAttribute("href")));
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

test("a text search for a listing far from the centre shows it on the map too", async ({
  page,
}) => {
  // The farthest listing within the page's default 10 km of 成都's centre.
  const answer = await (
    await page.request.get("/api/search_house?loccity=510100&radius=10&count=100")
  ).json();
  const far = (answer.ans as { title: string; house_rent: number; distance: number }[]).reduce(
    (best, item) => (item.distance > best.distance ? item : best),
  );
  expect(far.distance).toBeGreaterThan(5);
  await page.goto("/?city=510100");
  await expect(results(page).first()).toBeVisible();
  await page.getByLabel("搜索小区或标题").fill(far.title);
  await page.getByLabel("搜索小区或标题").press("Enter");
  await expect(results(page).first()).toContainText(far.title);
  // Its pin is inside the map's visible area, not off screen.
  const map = page.getByRole("region", { name: "房源地图" });
  // A pin's own element has no size; its label is what shows.
  const pin = pins(page).getByText(`¥${far.house_rent}`, { exact: true }).first();
  await expect(pin).toBeVisible();
  await expect
    .poll(async () => {
      const [area, box] = await Promise.all([map.boundingBox(), pin.boundingBox()]);
      if (!area || !box) return false;
      const x = box.x + box.width / 2;
      const y = box.y + box.height / 2;
      return x > area.x && x < area.x + area.width && y > area.y && y < area.y + area.height;
    })
    .toBe(true);
});

test("tapping a cluster zooms the map in two levels around it", async ({ page }) => {
  // The demo data never has enough listings in view to cluster: /api/search_map answers one.
  const cluster = { longitude: 104.07, latitude: 30.575, count: 250 };
  await page.route("**/api/search_map?**", (route) =>
    route.fulfill({ json: { status: 0, msg: "", ans: { markers: [], clusters: [cluster] } } }),
  );
  await page.goto("/?city=510100&z=12");
  await page.getByRole("region", { name: "房源地图" }).getByRole("button", { name: "250" }).click();
  await expect(page).toHaveURL(/[?&]z=14(&|$)/);
  const url = new URL(page.url());
  expect(Number(url.searchParams.get("lng"))).toBeCloseTo(cluster.longitude, 3);
  expect(Number(url.searchParams.get("lat"))).toBeCloseTo(cluster.latitude, 3);
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
  const shown = await hrefs(page);
  await context.setOffline(true);
  await expect(page.getByText(/网络不可用/).first()).toBeVisible();
  await page.getByLabel("排序").selectOption("4");
  await expect(page).toHaveURL(/[?&]sort=4(&|$)/);
  // The loaded list stays as it was (same cards in the same order) and the message with it.
  await expect(page.getByText(/网络不可用/).first()).toBeVisible();
  expect(await hrefs(page)).toEqual(shown);
  await results(page).first().click();
  await expect(results(page).first()).toBeVisible();
  expect(await hrefs(page)).toEqual(shown);
  await context.setOffline(false);
  await expect(page.getByText(/网络不可用/)).toHaveCount(0);
  // Sorted by rent once the network is back, still on the search (the tap did not navigate).
  await expect
    .poll(async () => {
      const rents = (await page.getByTestId("result-rent").allTextContents()).map((text) =>
        Number(text.replace(/\D/g, "")),
      );
      return rents.every((rent, index) => index === 0 || rent >= (rents[index - 1] ?? 0));
    })
    .toBe(true);
  expect(new URL(page.url()).pathname).toBe("/");
});

test("offline before the map's code arrived, the list stays and the map loads once online", async ({
  page,
  context,
}) => {
  // The map's chunk (the one holding Leaflet) fails as it would with the network gone.
  let blocked = true;
  await page.route("**/_next/static/chunks/*.js", async (route) => {
    const response = await route.fetch();
    const body = await response.text();
    if (blocked && body.includes("leafletjs.com")) return route.abort("internetdisconnected");
    return route.fulfill({ response, body });
  });
  await page.goto("/?city=510100");
  await expect(results(page).first()).toBeVisible();
  const map = page.getByRole("region", { name: "房源地图" });
  await expect(page.getByText("地图暂时无法加载，网络恢复后会自动重试")).toBeVisible();
  await expect(results(page).first()).toBeVisible();
  await expect(page.getByText("页面加载失败")).toHaveCount(0);
  blocked = false;
  await context.setOffline(true);
  await context.setOffline(false);
  await expect(map).toBeVisible();
  await expect(page.getByText(/地图暂时无法加载/)).toHaveCount(0);
});

test("the first page of results is in the server's HTML", async ({ page }) => {
  const response = await page.request.get("/?city=110100&sort=2");
  const html = await response.text();
  expect(html).toContain('data-testid="search-result"');
  expect(html).toMatch(/共找到/);
});

test("loading the search fetches none of the other tabs' pages", async ({ page }) => {
  const tabs = ["/me/favorites", "/viewings", "/me/houses", "/me"];
  const fetched: string[] = [];
  page.on("request", (request) => {
    if (tabs.includes(new URL(request.url()).pathname)) fetched.push(request.url());
  });
  await page.goto("/?city=510100");
  await expect(results(page).first()).toBeVisible();
  await page.waitForLoadState("networkidle");
  await expect(page.getByRole("navigation", { name: "主导航" })).toBeVisible();
  expect(fetched).toEqual([]);
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

test("inside WeChat a listing sets its share card: title, rent and area, cover image", async ({
  page,
}) => {
  // WeChat's JS-SDK, replaced by a recorder of what the page hands it.
  await page.route("**/jweixin-1.6.0.js", (route) =>
    route.fulfill({
      contentType: "text/javascript",
      body: `window.__share = {};
        window.wx = {
          config(options) { window.__share.config = options; },
          ready(callback) { callback(); },
          error() {},
          updateAppMessageShareData(data) { window.__share.chat = data; },
          updateTimelineShareData(data) { window.__share.moments = data; },
        };`,
    }),
  );
  await page.goto("/?city=510100");
  await results(page).first().click();
  await expect(page).toHaveURL(/\/houses\/\d+$/);
  const title = (await page.getByRole("heading", { level: 1 }).textContent()) ?? "";
  const share = await page.waitForFunction(() => {
    const recorded = (window as unknown as { __share?: { chat?: unknown } }).__share;
    return recorded?.chat ? recorded : null;
  });
  const { config, chat, moments } = (await share.jsonValue()) as {
    config: { appId: string; signature: string; jsApiList: string[] };
    chat: { title: string; desc: string; link: string; imgUrl: string };
    moments: { title: string; link: string; imgUrl: string };
  };
  expect(config.appId).toBe("wx-stub-oa");
  expect(config.signature).toMatch(/^[0-9a-f]{40}$/);
  expect(config.jsApiList).toContain("updateAppMessageShareData");
  expect(chat.title).toBe(title);
  expect(chat.desc).toMatch(/¥\d+\/月/);
  expect(chat.desc).toMatch(/\d+㎡/);
  expect(chat.link).toBe(page.url());
  expect(chat.imgUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/.+/);
  expect(chat.imgUrl).not.toMatch(/icon\.svg$/);
  expect(moments).toEqual({ title: chat.title, link: chat.link, imgUrl: chat.imgUrl });
});

test("the listing shows the landlord's other listings, each a link to its page", async ({
  page,
}) => {
  await page.goto("/?city=510100");
  await results(page).first().click();
  await expect(page).toHaveURL(/\/houses\/\d+$/);
  const own = new URL(page.url()).pathname;
  const others = page.getByRole("region", { name: "房东的其他房源" }).getByRole("link");
  await expect(others.first()).toBeVisible();
  const links = await others.evaluateAll((items) => items.map((item) => item.getAttribute("href")));
  expect(links).not.toContain(own);
  await others.first().click();
  await expect(page).toHaveURL(new RegExp(`${links[0]}$`));
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
