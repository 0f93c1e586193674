import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import Database from "better-sqlite3";
import { demoLandlords } from "../lib/demo/landlords";
import { e2eDataDir } from "../playwright.config";
import { devSignIn, offline } from "./fixtures/session";
import { payFee } from "./fixtures/viewing";

// After the fee is paid, as both sides see it in a phone browser (Alipay sandbox): the landlord
// marks 房源已出租 and the tenant is refunded at once through the sandbox; and a tenant confirms
// 已看房. The landlord is a seeded demo landlord, signed in with the development sign-in.

/** A seeded listing in 成都 (the nth result) and its demo landlord's development sign-in name. */
async function listing(page: Page, nth: number) {
  const search = await page.request.get(`/api/search_house?loccity=510100&count=${nth + 1}`);
  const houseId = (await search.json()).ans[nth].house_id as number;
  const detail = await (await page.request.get(`/api/house_detail?house_id=${houseId}`)).json();
  const owner = demoLandlords.find((item) => item.nickname === detail.ans.owner.nickname);
  if (!owner) throw new Error(`no demo landlord for listing ${houseId}`);
  return { houseId, landlordName: owner.openid.replace(/^dev:/, "") };
}

function sandboxRefundsOf(requestId: number): number {
  const sqlite = new Database(path.join(e2eDataDir, "zhizu.db"), { readonly: true });
  try {
    const row = sqlite
      .prepare(
        `select count(*) as n from sandbox_refunds r join payment_attempts a
           on a.out_trade_no = r.out_trade_no where a.viewing_request_id = ?`,
      )
      .get(requestId) as { n: number };
    return row.n;
  } finally {
    sqlite.close();
  }
}

const card = (page: Page, houseId: number) =>
  page.getByTestId("viewing-request").filter({ has: page.locator(`a[href="/houses/${houseId}"]`) });

test("a tenant pays, the landlord marks 房源已出租, and the tenant is refunded in full", async ({
  page,
  browser,
  baseURL,
}) => {
  if (!baseURL) throw new Error("baseURL missing");
  await offline(page.context(), baseURL);
  const stamp = String(Date.now()).slice(-8);
  await devSignIn(page, `退款租客${stamp}`);
  const { houseId, landlordName } = await listing(page, 3);
  const requestId = await payFee(page, houseId, `135${stamp}`);

  const landlordContext = await browser.newContext();
  await offline(landlordContext, baseURL);
  const landlord = await landlordContext.newPage();
  await devSignIn(landlord, landlordName);
  await landlord.goto("/viewings");
  await landlord.getByRole("tab", { name: /收到的预约/ }).click();
  const received = card(landlord, houseId).filter({ hasText: `退款租客${stamp}` });
  await expect(received).toContainText("等待房东回应");
  await expect(received).toContainText("2099-06-01 晚上");
  await expect(received.getByTestId("viewing-deadline")).toContainText("房东需在此前回应");
  await expect(received).toContainText(`135${stamp}`);
  landlord.once("dialog", (dialog) => dialog.accept());
  await received.getByRole("button", { name: "房源已出租" }).click();
  await expect(received).toContainText("已退款");
  await landlordContext.close();

  await page.goto("/viewings");
  const mine = card(page, houseId);
  await expect(mine).toContainText("已退款");
  await expect(mine.getByLabel("房东联系方式")).toHaveCount(0);
  expect(sandboxRefundsOf(requestId)).toBe(1);
});

test("a tenant confirms 已看房 and the request is viewed", async ({ page, baseURL }) => {
  if (!baseURL) throw new Error("baseURL missing");
  await offline(page.context(), baseURL);
  const stamp = String(Date.now()).slice(-8);
  await devSignIn(page, `看房租客${stamp}`);
  const { houseId } = await listing(page, 5);
  await payFee(page, houseId, `134${stamp}`);

  await page.goto("/viewings");
  const mine = card(page, houseId);
  await expect(mine).toContainText("等待房东回应");
  await mine.getByRole("button", { name: "已看房" }).click();
  await expect(mine).toContainText("已看房");
  await expect(mine.getByRole("button", { name: "已看房" })).toHaveCount(0);
  await expect(mine.getByTestId("viewing-deadline")).toContainText("与描述不符");
});

test("a tenant opens a listing, taps the landlord and sees their public profile", async ({
  page,
}) => {
  const { houseId } = await listing(page, 0);
  await page.goto(`/houses/${houseId}`);
  const landlord = page.getByTestId("landlord-link");
  const name = (await landlord.textContent()) ?? "";
  await landlord.click();
  await page.waitForURL(/\/landlords\/\d+$/);
  await expect(page.getByRole("heading", { name: "房东主页" })).toBeVisible();
  // Exact: the route announcer also reads out the page title, which holds the name.
  await expect(page.getByText(name, { exact: true })).toBeVisible();
  await expect(page.getByRole("list", { name: "房东认证" })).toBeVisible();
  // The listing we came from is among the landlord's published listings.
  await expect(
    page.getByTestId("landlord-listings").locator(`a[href="/houses/${houseId}"]`),
  ).toBeVisible();
  expect((await page.goto("/landlords/999999999"))?.status()).toBe(404);
});
