import { e2eBaseUrl } from "../playwright.config";
import { expect, test } from "./fixtures/users";

// Attacks an outsider tried on sign-in, cookies, pages and unknown paths: each answers cleanly.

const EVIL_CALLBACKS = [
  "/%5Cevil.example",
  "%2F%09%2Fevil.example",
  "/%0D%0ASet-Cookie:%20x=1",
  "%2F%2Fevil.example",
  "/.//evil.example",
  "https://evil.example/",
];

test("sign-in never redirects to another site", async ({ page }) => {
  // The whole development sign-in with a TAB variant lands on 我的, on our origin.
  await page.goto("/login?callbackUrl=%2F%09%2Fevil.example");
  await page.getByLabel("显示名").fill("hostile-redirect");
  await page.getByRole("button", { name: "开发登录" }).click();
  await page.waitForURL(`${e2eBaseUrl}/me`);

  // Signed in, /login forwards to the callback at once: every variant goes to /me.
  for (const callback of EVIL_CALLBACKS) {
    const response = await page.request.get(`/login?callbackUrl=${callback}`, { maxRedirects: 0 });
    expect(response.status(), callback).toBe(307);
    expect(response.headers().location, callback).toBe("/me");
  }
  const authjs = await page.request.get("/api/auth/signin?callbackUrl=/%5Cevil.example", {
    maxRedirects: 0,
  });
  expect(authjs.headers().location).not.toContain("evil.example");
});

test("next-auth error redirects stay on APP_URL", async ({ request }) => {
  const response = await request.get("/api/auth/signin/no-such-provider", { maxRedirects: 0 });
  expect(response.status()).toBe(302);
  expect(response.headers().location).toBe(`${e2eBaseUrl}/login?error=Configuration`);
});

test("a cross-site server action is answered 403", async ({ request }) => {
  const html = await (await request.get("/login")).text();
  const actionId = /name="\$ACTION_ID_([0-9a-f]+)"/.exec(html)?.[1];
  expect(actionId).toBeTruthy();
  const forged = await request.post("/login", {
    headers: { origin: "https://evil.example" },
    multipart: { [`$ACTION_ID_${actionId}`]: "", name: "victim", callbackUrl: "/me" },
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(403);
  const fetchAction = await request.post("/login", {
    headers: { origin: "null", "next-action": actionId ?? "", "content-type": "text/plain" },
    data: "[]",
  });
  expect(fetchAction.status()).toBe(403);
});

test("malformed session cookies count as signed out", async ({ request }) => {
  for (const value of ["%", "%E0%A4%A"]) {
    const headers = { cookie: `zhizu.session-token=${value}`, "sec-fetch-site": "same-origin" };
    const api = await request.get("/api/fetch_userinfo", { headers });
    expect(api.status(), value).toBe(401);
    expect((await api.json()).status).toBe(4);
    const page = await request.get("/me", { headers, maxRedirects: 0 });
    expect(page.status(), value).toBeLessThan(500);
  }
});

test("unknown API paths answer the envelope with status 7", async ({ request }) => {
  const api = await request.post("/api/no_such_endpoint", { data: { a: 1 } });
  expect(api.status()).toBe(404);
  expect(await api.json()).toEqual({ status: 7, msg: "接口不存在", ans: {} });
  const legacy = await request.get("/order/no_such_action");
  expect(legacy.status()).toBe(200);
  expect((await legacy.json()).status).toBe(7);
});

test("a missing listing's 404 page is rendered on the server", async ({ request }) => {
  const response = await request.get("/houses/987654321");
  expect(response.status()).toBe(404);
  const html = await response.text();
  expect(html).not.toContain('id="__next_error__"');
  expect(html).toContain("你要找的页面不存在");
});

test("the admin review page answers 403 to a signed-in non-admin", async ({ tenantPage }) => {
  const response = await tenantPage.goto("/admin/verifications");
  expect(response?.status()).toBe(403);
  await expect(tenantPage.getByText("仅对管理员开放")).toBeVisible();
});
