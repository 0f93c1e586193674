import path from "node:path";
import { devices, expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { e2eDataDir, wechatStubUrl } from "../playwright.config";

// A user who signed in with the website QR login has no Official Account openid. Inside WeChat
// they pass through the silent snsapi_base authorisation (against the local WeChat stub) and
// come back to the page they were on, with the OA identity recorded.

const phone = devices["Pixel 7"];
const WECHAT_UA = `${phone.userAgent} MicroMessenger/8.0.47.2560(0x28002F30) NetType/WIFI Language/zh_CN`;

async function nextWechatUser(person: Record<string, unknown>) {
  const response = await fetch(`${wechatStubUrl}/__stub/next-user`, {
    method: "POST",
    body: JSON.stringify(person),
  });
  expect(response.ok).toBe(true);
}

async function authorizeLog(): Promise<string[]> {
  return (await (await fetch(`${wechatStubUrl}/__stub/authorize-log`)).json()) as string[];
}

function identities(userId: number): { appid: string; openid: string }[] {
  const database = new Database(path.join(e2eDataDir, "zhizu.db"), { readonly: true });
  try {
    return database
      .prepare("SELECT appid, openid FROM wechat_identities WHERE user_id = ? ORDER BY appid")
      .all(userId) as { appid: string; openid: string }[];
  } finally {
    database.close();
  }
}

test("a QR-login user inside WeChat gets the OA openid silently and returns to the page", async ({
  browser,
  request,
}) => {
  const suffix = Date.now();
  const unionid = `union-${suffix}`;

  // Signed in on a phone browser with the website QR login.
  const outside = await browser.newContext({ ...phone });
  const signIn = await outside.newPage();
  await nextWechatUser({ openid: `web-${suffix}`, unionid, nickname: "扫码租客" });
  await signIn.goto("/login");
  await signIn.getByRole("button", { name: "微信扫码登录" }).click();
  await signIn.waitForURL((url) => url.pathname === "/me");
  const session = await outside.storageState();
  await outside.close();

  // The same session, now inside WeChat, on a listing page.
  const inside = await browser.newContext({
    ...phone,
    userAgent: WECHAT_UA,
    storageState: session,
  });
  const page = await inside.newPage();
  const search = await (await request.get("/api/search_house?loccity=510100&count=1")).json();
  const houseId = search.ans[0].house_id as number;
  const firstConfig = page.waitForResponse((r) => r.url().includes("/api/wechat/jssdk_config"));
  await page.goto(`/houses/${houseId}?from=share`);
  // The share card asked for a JS-SDK signature for this very page.
  const config = await (await firstConfig).json();
  expect(config.status).toBe(0);
  expect(config.ans.appId).toBe("wx-stub-oa");

  const profile = await (
    await page.request.get("/api/fetch_userinfo", {
      headers: { origin: new URL(page.url()).origin },
    })
  ).json();
  const userId = profile.ans.id as number;
  expect(identities(userId)).toEqual([{ appid: "wx-stub-web", openid: `web-${suffix}` }]);

  // The page's link to the silent authorisation (as the WeChat Pay page has it).
  await nextWechatUser({ openid: `oa-${suffix}`, unionid });
  const returnTo = `/houses/${houseId}?from=share`;
  await page.evaluate(
    (href) => {
      window.location.href = href;
    },
    `/api/wechat/oa_openid?return_to=${encodeURIComponent(returnTo)}`,
  );
  await page.waitForURL(
    (url) => url.pathname === `/houses/${houseId}` && url.search === "?from=share",
  );
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  const authorize = new URL((await authorizeLog()).at(-1) ?? "");
  expect(authorize.pathname).toBe("/connect/oauth2/authorize");
  expect(authorize.searchParams.get("scope")).toBe("snsapi_base");
  expect(authorize.searchParams.get("appid")).toBe("wx-stub-oa");
  expect(identities(userId)).toEqual([
    { appid: "wx-stub-oa", openid: `oa-${suffix}` },
    { appid: "wx-stub-web", openid: `web-${suffix}` },
  ]);

  // With the openid recorded, the same link goes straight back without asking WeChat.
  const authorizeCount = (await authorizeLog()).length;
  await page.goto(`/api/wechat/oa_openid?return_to=${encodeURIComponent(returnTo)}`);
  await page.waitForURL((url) => url.pathname === `/houses/${houseId}`);
  expect((await authorizeLog()).length).toBe(authorizeCount);
  await inside.close();
});
