import { devices, expect, type Page, test } from "@playwright/test";
import { wechatStubUrl } from "../playwright.config";

// The real OAuth round trip against the local WeChat stub (e2e/fixtures/wechat-stub.ts):
// browser → our /api/auth → stub authorize → callback → token + userinfo server-to-server.

const phone = devices["Pixel 7"];
const WECHAT_UA = `${phone.userAgent} MicroMessenger/8.0.47.2560(0x28002F30) NetType/WIFI Language/zh_CN`;

async function nextWechatUser(person: Record<string, unknown>) {
  const response = await fetch(`${wechatStubUrl}/__stub/next-user`, {
    method: "POST",
    body: JSON.stringify(person),
  });
  expect(response.ok).toBe(true);
}

async function lastAuthorizeUrl(): Promise<URL> {
  const log = (await (await fetch(`${wechatStubUrl}/__stub/authorize-log`)).json()) as string[];
  return new URL(log.at(-1) ?? "");
}

// WeChat's #wechat_redirect fragment survives the redirects back to us, so match the path only.
const onMe = (url: URL) => url.pathname === "/me";

async function signOut(page: Page) {
  await page.goto("/me");
  await page.getByRole("button", { name: "退出登录" }).click();
  await page.waitForURL("**/login");
}

test.describe("inside WeChat", () => {
  test.use({ userAgent: WECHAT_UA });

  test("signs in with the Official Account provider and lands on 我的", async ({ page }) => {
    const openid = `oa-${Date.now()}`;
    await nextWechatUser({ openid, nickname: "微信房东" });
    await page.goto("/login");
    await expect(page.getByRole("button", { name: "微信扫码登录" })).toHaveCount(0);
    await page.getByRole("button", { name: "微信一键登录" }).click();
    await page.waitForURL(onMe);
    await expect(page.getByTestId("me-name")).toHaveText("微信房东");

    // The authorize URL had WeChat's exact parameter order and scope.
    const authorize = await lastAuthorizeUrl();
    expect(authorize.pathname).toBe("/connect/oauth2/authorize");
    expect([...authorize.searchParams.keys()]).toEqual([
      "appid",
      "redirect_uri",
      "response_type",
      "scope",
      "state",
    ]);
    expect(authorize.searchParams.get("scope")).toBe("snsapi_userinfo");

    // The session cookie works for our API too, and it is the same user.
    const profile = await (
      await page.request.get("/api/fetch_userinfo", {
        headers: { origin: new URL(page.url()).origin },
      })
    ).json();
    expect(profile.ans.wx_openid).toBe(openid);

    // Signing in again maps to the same user.
    const id = profile.ans.id;
    await signOut(page);
    await nextWechatUser({ openid, nickname: "微信房东" });
    await page.getByRole("button", { name: "微信一键登录" }).click();
    await page.waitForURL(onMe);
    await expect(page.getByText(`ID ${id}`)).toBeVisible();
  });

  test("refuses a snapshot-page user and stores nothing", async ({ page }) => {
    await nextWechatUser({
      openid: `snap-${Date.now()}`,
      nickname: "微信用户",
      is_snapshotuser: 1,
    });
    await page.goto("/login");
    await page.getByRole("button", { name: "微信一键登录" }).click();
    await page.waitForURL(/\/login\?error=snapshot/);
    await expect(page.getByText("快照页模式")).toBeVisible();
    await page.goto("/me");
    await page.waitForURL(/\/login/);
  });
});

test("on a phone browser outside WeChat, the website QR provider is offered", async ({ page }) => {
  const openid = `web-${Date.now()}`;
  await nextWechatUser({ openid, unionid: `union-${openid}`, nickname: "扫码用户" });
  await page.goto("/login");
  await expect(page.getByRole("button", { name: "微信一键登录" })).toHaveCount(0);
  await page.getByRole("button", { name: "微信扫码登录" }).click();
  await page.waitForURL(onMe);
  await expect(page.getByTestId("me-name")).toHaveText("扫码用户");
  const authorize = await lastAuthorizeUrl();
  expect(authorize.pathname).toBe("/connect/qrconnect");
  expect(authorize.searchParams.get("scope")).toBe("snsapi_login");
});
