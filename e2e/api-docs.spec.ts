import { expect, test } from "@playwright/test";

// A partner reads the API at /api-docs: the viewer (bundled, no CDN) renders the public document,
// each group of operations opened on demand, the legacy copies in one closed group at the end.
test("the API docs page renders the public OpenAPI document", async ({ page, baseURL }) => {
  const origin = new URL(baseURL ?? "http://localhost").origin;
  const foreign: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).origin !== origin) foreign.push(request.url());
  });
  await page.goto("/api-docs");
  await expect(page.getByRole("heading", { name: "直租开放接口文档" })).toBeVisible();
  // Swagger UI breaks paths with <wbr> for wrapping; each operation carries its path in data-path.
  const operation = (path: string) => page.locator(`.opblock-summary-path[data-path="${path}"]`);
  const document = await (await page.request.get("/api/openapi.json")).json();
  expect(document.openapi).toBe("3.1.0");
  // Every group starts closed; a partner opens one and sees its operations. Several groups, from
  // the first to the last ones of the document.
  const tagOf = (path: string): string => {
    const item = document.paths[path];
    return (item.post ?? item.get).tags[0];
  };
  for (const path of [
    "/api/create_house_photo",
    "/api/house_detail",
    "/api/search_house",
    "/api/notification/list",
    "/api/wallet",
    "/api/order/confirm_viewing",
    "/api/wx_fetch_userinfo",
  ]) {
    const tag = page.locator(`.opblock-tag[data-tag="${tagOf(path)}"]`);
    await expect(tag, path).toHaveAttribute("data-is-open", "false");
    await tag.click();
    await expect(operation(path).first(), path).toBeVisible();
    await tag.click();
    await expect(tag, path).toHaveAttribute("data-is-open", "false");
  }
  await expect(operation("/api/admin/verifications")).toHaveCount(0);
  // The legacy copies: one group, closed until opened.
  const legacy = page.locator('.opblock-tag[data-tag="legacy paths"]');
  await expect(legacy).toHaveAttribute("data-is-open", "false");
  await expect(operation("/house_detail")).toHaveCount(0);
  expect(foreign).toEqual([]);

  expect((await page.request.get("/api/openapi-admin.json")).status()).toBe(401);
});
