import { expect, test } from "@playwright/test";

// 找房's map on a phone: tapping a cluster zooms in on it. The demo data never has enough
// listings in view to cluster, so /api/search_map answers with one cluster here.

const cluster = { longitude: 116.427526, latitude: 39.91403, count: 250 };

test("tapping a cluster zooms the map in two levels around it", async ({ page, baseURL }) => {
  if (!baseURL) throw new Error("baseURL missing");
  const origin = new URL(baseURL).origin;
  await page.route(
    (url) => url.origin !== origin,
    (route) => route.abort(),
  );
  await page.route("**/api/search_map?**", (route) =>
    route.fulfill({ json: { status: 0, msg: "", ans: { markers: [], clusters: [cluster] } } }),
  );

  await page.goto("/?city=110100&z=12");
  const map = page.getByRole("region", { name: "房源地图" });
  await map.getByRole("button", { name: "250" }).click();

  await expect(page).toHaveURL(/[?&]z=14(&|$)/);
  const url = new URL(page.url());
  expect(Number(url.searchParams.get("lng"))).toBeCloseTo(cluster.longitude, 3);
  expect(Number(url.searchParams.get("lat"))).toBeCloseTo(cluster.latitude, 3);
});
