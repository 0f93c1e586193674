import { expect, test } from "@playwright/test";

// A partner reads the API at /api-docs: the viewer (bundled, no CDN) renders the public document.
// Known bug, open: Swagger UI renders the first tag's operations (create_house_photo) and the
// "legacy paths" group, then nothing more, so /api/house_detail never appears. The document itself
// is validated in lib/api/openapi.test.ts and every answer in lib/api/contract.test.ts.
test.fixme("the API docs page renders the public OpenAPI document", async ({ page, baseURL }) => {
  const origin = new URL(baseURL ?? "http://localhost").origin;
  const foreign: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).origin !== origin) foreign.push(request.url());
  });
  await page.goto("/api-docs");
  await expect(page.getByRole("heading", { name: "直租开放接口文档" })).toBeVisible();
  // Swagger UI breaks paths with <wbr> for wrapping; each operation carries its path in data-path.
  const operation = (path: string) => page.locator(`.opblock-summary-path[data-path="${path}"]`);
  await expect(operation("/api/house_detail").first()).toBeVisible();
  await expect(operation("/api/admin/verifications")).toHaveCount(0);
  expect(foreign).toEqual([]);

  const document = await (await page.request.get("/api/openapi.json")).json();
  expect(document.openapi).toBe("3.1.0");
  expect((await page.request.get("/api/openapi-admin.json")).status()).toBe(401);
});
