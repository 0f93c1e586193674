import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import {
  type Browser,
  type BrowserContext,
  devices,
  expect,
  type Page,
  test,
} from "@playwright/test";
import { e2eDataDir } from "../playwright.config";
import {
  devSignIn,
  giveOfficialAccountIdentity,
  makeAdmin,
  myUserId,
  offline,
  photo,
} from "./fixtures/session";
import { type TargetBox, tapTargetProblems } from "./fixtures/tap-targets";
import { verifyPhoneAndConsent } from "./fixtures/viewing";

// Accessibility pass over every page at phone size (390×844): axe-core finds no serious or
// critical violation (contrast, names, labels, ARIA), and every visible control is big enough
// to tap (./fixtures/tap-targets.ts). A new page is one more line in PAGES.

const phone = { ...devices["Pixel 7"], viewport: { width: 390, height: 844 } };
const WECHAT_UA = `${phone.userAgent} MicroMessenger/8.0.47.2560(0x28002F30) NetType/WIFI Language/zh_CN`;
test.use(phone);

/** What the setup made: listings to open, the signed-in user's draft, a paid viewing. */
interface Ids {
  houseId: number;
  otherHouseId: number;
  /** The landlord of `houseId`. */
  landlordId: number;
  draftId: number;
  paidOrderId: number;
}

interface A11yPage {
  name: string;
  path: string | ((ids: Ids) => string);
  /** Signed out, or the setup's user (tenant with a paid viewing, landlord with a draft, admin). */
  signedIn: boolean;
  /** Opened inside WeChat (its user agent), where 微信支付 comes first. */
  wechat?: boolean;
  /** Brings the page into the state to check (a sheet or viewer open); default: it loaded. */
  open?: (page: Page) => Promise<void>;
  /** Why the tap-target check does not apply (never for a page tenants or landlords use). */
  noTapTargetCheck?: string;
}

/** The setup user's mobile number, verified with the sandbox SMS code before the first payment. */
const TENANT_TEL = `139${String(Date.now()).slice(-8)}`;

const step = (id: string) => (ids: Ids) => `/me/houses/${ids.draftId}/edit?step=${id}`;

const PAGES: A11yPage[] = [
  {
    name: "找房",
    path: "/?city=510100",
    signedIn: false,
    open: async (page) => {
      await expect(page.getByTestId("search-result").first()).toBeVisible();
      await expect(page.locator(".leaflet-marker-icon").first()).toBeVisible();
    },
  },
  {
    name: "找房 · 筛选",
    path: "/?city=510100",
    signedIn: false,
    open: async (page) => {
      await page.getByRole("button", { name: /^筛选/ }).click();
      await expect(page.getByRole("dialog", { name: "筛选" })).toBeVisible();
    },
  },
  { name: "房源详情", path: (ids) => `/houses/${ids.houseId}`, signedIn: false },
  { name: "房东主页", path: (ids) => `/landlords/${ids.landlordId}`, signedIn: false },
  {
    name: "房源详情 · 大图",
    path: (ids) => `/houses/${ids.houseId}`,
    signedIn: false,
    open: async (page) => {
      await page.getByRole("button", { name: "查看大图 1" }).click();
      await expect(page.getByRole("dialog", { name: "查看照片" })).toBeVisible();
    },
  },
  { name: "房源不存在", path: "/houses/999999999", signedIn: false },
  { name: "登录", path: "/login", signedIn: false },
  { name: "我的", path: "/me", signedIn: true },
  { name: "个人资料", path: "/me/profile", signedIn: true },
  { name: "实名认证", path: "/me/verify/identity", signedIn: true },
  { name: "房产认证", path: "/me/verify/property", signedIn: true },
  { name: "我的房源", path: "/me/houses", signedIn: true },
  { name: "发布房源", path: "/me/houses/new", signedIn: true },
  { name: "编辑 · 基本信息", path: step("basic"), signedIn: true },
  {
    name: "编辑 · 位置",
    path: step("location"),
    signedIn: true,
    open: async (page) => {
      await expect(page.locator(".leaflet-control-zoom-in")).toBeVisible();
    },
  },
  { name: "编辑 · 租金", path: step("terms"), signedIn: true },
  { name: "编辑 · 详情", path: step("details"), signedIn: true },
  { name: "编辑 · 照片视频", path: step("media"), signedIn: true },
  { name: "编辑 · 发布", path: step("release"), signedIn: true },
  { name: "预约看房", path: (ids) => `/houses/${ids.otherHouseId}/viewing`, signedIn: true },
  {
    name: "支付宝收银台（沙箱）",
    path: (ids) => `/houses/${ids.otherHouseId}/viewing`,
    signedIn: true,
    open: async (page) => {
      await verifyPhoneAndConsent(page, TENANT_TEL);
      await page.getByRole("button", { name: /^提交申请并支付/ }).click();
      await page.waitForURL(/\/sandbox\/alipay\/checkout/);
      await expect(page.getByRole("button", { name: "确认付款" })).toBeVisible();
    },
  },
  {
    name: "微信支付收银台（沙箱）",
    path: (ids) => `/houses/${ids.otherHouseId}/viewing`,
    signedIn: true,
    wechat: true,
    open: async (page) => {
      await verifyPhoneAndConsent(page, TENANT_TEL);
      await page.getByRole("button", { name: /^微信支付/ }).click();
      // The sandbox cashier is an overlay frame; check it as its own page.
      const src = await page.locator('iframe[title="微信支付沙箱"]').getAttribute("src");
      await page.goto(src ?? "");
      await expect(page.getByRole("button", { name: "确认支付" })).toBeVisible();
    },
  },
  {
    name: "支付结果",
    path: (ids) => `/pay/return?pre_order_id=${ids.paidOrderId}`,
    signedIn: true,
  },
  { name: "看房记录", path: "/viewings", signedIn: true },
  { name: "消息", path: "/notifications", signedIn: true },
  { name: "邀请好友", path: "/invite", signedIn: true },
  { name: "我的收藏", path: "/me/favorites", signedIn: true },
  { name: "支付宝", path: "/alipay", signedIn: true },
  {
    name: "支付宝授权（沙箱）",
    path: "/alipay",
    signedIn: true,
    open: async (page) => {
      await page.getByRole("button", { name: "绑定支付宝" }).click();
      await expect(page.getByRole("button", { name: "同意授权" })).toBeVisible();
    },
  },
  { name: "沙箱消息发件箱", path: "/sandbox/outbox", signedIn: true },
  { name: "我的收益", path: "/wallet", signedIn: true },
  { name: "提现记录", path: "/wallet/withdrawals", signedIn: true },
  { name: "认证审核（管理员）", path: "/admin/verifications", signedIn: true },
  { name: "退款争议（管理员）", path: "/admin/disputes", signedIn: true },
  { name: "房源审核（管理员）", path: "/admin/moderation", signedIn: true },
  { name: "提现审核（管理员）", path: "/admin/withdrawals", signedIn: true },
  {
    name: "接口文档",
    path: "/api-docs",
    signedIn: false,
    open: async (page) => {
      await expect(page.locator(".swagger-ui .information-container")).toBeVisible();
    },
    noTapTargetCheck: "Swagger UI for partners' developers on a desktop, not a phone page",
  },
];

let ids: Ids;
// In the server's DATA_DIR, which the e2e server empties when it starts: the setup runs once per
// server, not again in each worker Playwright starts after a failed page.
const storageFile = path.join(e2eDataDir, "e2e-a11y-user.json");
const idsFile = path.join(e2eDataDir, "e2e-a11y-ids.json");

async function phoneContext(browser: Browser, baseURL: string, signedIn: boolean, wechat = false) {
  const context = await browser.newContext({
    ...phone,
    userAgent: wechat ? WECHAT_UA : phone.userAgent,
    storageState: signedIn ? storageFile : undefined,
  });
  await offline(context, baseURL);
  return context;
}

/** The user every signed-in page is checked as: admin, landlord with a draft, paying tenant. */
async function setUp(context: BrowserContext, baseURL: string): Promise<Ids> {
  const page = await context.newPage();
  const headers = { origin: baseURL };
  const name = `无障碍${Date.now() % 1_000_000}`;
  await devSignIn(page, name);
  const userId = await myUserId(page, name);
  makeAdmin(userId);
  giveOfficialAccountIdentity(name);
  const saved = await page.request.post("/api/create_userinfo", {
    headers,
    multipart: {
      nickname: "无障碍测试",
      sex: "1",
      user_type: "1",
      tel: TENANT_TEL,
      portrait: await photo("me.jpg", 64, 64),
    },
  });
  const savedBody = await saved.json();
  expect(savedBody.status, savedBody.msg).toBe(0);

  const search = await (await page.request.get("/api/search_house?loccity=510100&count=2")).json();
  const [houseId, otherHouseId] = search.ans.map((item: { house_id: number }) => item.house_id);
  const detail = await (await page.request.get(`/api/house_detail?house_id=${houseId}`)).json();
  const landlordId: number = detail.ans.owner.id;
  const favorite = await page.request.post("/api/favorite", {
    headers,
    form: { house_id: String(houseId), action: "add" },
  });
  expect((await favorite.json()).status).toBe(0);

  await page.goto("/me/houses/new");
  await page.getByLabel("出租方式").selectOption("1");
  await page.getByLabel("户型").fill("2室1厅1卫");
  await page.getByLabel("面积（㎡）").fill("89");
  await page.getByRole("button", { name: "创建草稿并继续" }).click();
  await page.waitForURL(/\/me\/houses\/\d+\/edit\?step=location/);
  const draftId = Number(page.url().match(/houses\/(\d+)\//)?.[1]);

  await page.goto(`/houses/${houseId}/viewing`);
  await verifyPhoneAndConsent(page, TENANT_TEL);
  await page.getByRole("button", { name: /^提交申请并支付/ }).click();
  await page.getByRole("button", { name: "确认付款" }).click();
  await page.waitForURL(/\/pay\/return\?pre_order_id=\d+/);
  const paidOrderId = Number(new URL(page.url()).searchParams.get("pre_order_id"));
  await expect(page.getByRole("heading", { name: "支付成功" })).toBeVisible();

  await context.storageState({ path: storageFile });
  return { houseId, otherHouseId, landlordId, draftId, paidOrderId };
}

test.beforeAll(async ({ browser, baseURL }) => {
  // Signing up, verifying a phone, a draft and a payment: minutes on a loaded CI machine.
  test.setTimeout(300_000);
  if (fs.existsSync(idsFile)) {
    ids = JSON.parse(fs.readFileSync(idsFile, "utf8"));
    return;
  }
  const context = await phoneContext(browser, baseURL ?? "", false);
  ids = await setUp(context, baseURL ?? "");
  await context.close();
  fs.writeFileSync(idsFile, JSON.stringify(ids));
});

/** Every visible interactive element's box, as the tap-target rule reads it. */
async function targetBoxes(page: Page): Promise<TargetBox[]> {
  return page.evaluate(() => {
    const selector = [
      "a[href]",
      "button",
      "input:not([type=hidden])",
      "select",
      "textarea",
      "summary",
      "[role=button]",
      "[role=link]",
      "[role=tab]",
      "[role=checkbox]",
      "[role=radio]",
      "[role=switch]",
      '[tabindex]:not([tabindex="-1"])',
    ].join(",");
    const boxes: TargetBox[] = [];
    for (const element of document.querySelectorAll<HTMLElement>(selector)) {
      if (element.closest("[inert], [aria-hidden=true]")) continue;
      if ((element as HTMLButtonElement).disabled) continue;
      let target: HTMLElement = element;
      // A checkbox, radio or (visually hidden) file input is tapped through its label.
      if (element instanceof HTMLInputElement) {
        const rect = element.getBoundingClientRect();
        const label = element.labels?.[0];
        const hidden = rect.width <= 1 || rect.height <= 1;
        if (hidden && !label) continue;
        if (label && (hidden || ["checkbox", "radio", "file"].includes(element.type))) {
          target = label;
        }
      }
      if (!target.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      const box = target.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const style = getComputedStyle(target);
      const parentText = target.parentElement?.textContent?.trim() ?? "";
      const ownText = target.textContent?.trim() ?? "";
      const name =
        target.getAttribute("aria-label") ?? target.getAttribute("title") ?? ownText.slice(0, 30);
      boxes.push({
        label: `${target.tagName.toLowerCase()} "${name}"`,
        x: box.x + window.scrollX,
        y: box.y + window.scrollY,
        width: box.width,
        height: box.height,
        inline: style.display === "inline" && parentText.length > ownText.length,
        dense: !!target.closest(".leaflet-marker-pane"),
      });
    }
    return boxes;
  });
}

for (const entry of PAGES) {
  test(`${entry.name}: no serious axe violation, controls big enough to tap`, async ({
    browser,
    baseURL,
  }) => {
    const context = await phoneContext(browser, baseURL ?? "", entry.signedIn, entry.wechat);
    const page = await context.newPage();
    const url = typeof entry.path === "string" ? entry.path : entry.path(ids);
    await page.goto(url);
    await page.waitForLoadState("networkidle");
    await entry.open?.(page);

    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations
      .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
      .map((violation) => ({
        rule: violation.id,
        help: violation.help,
        nodes: violation.nodes
          .slice(0, 8)
          .map((node) => `${node.target.join(" ")}: ${node.failureSummary?.split("\n")[1] ?? ""}`),
      }));
    expect.soft(serious, `axe on ${url}`).toEqual([]);

    if (!entry.noTapTargetCheck) {
      expect(tapTargetProblems(await targetBoxes(page)), `tap targets on ${url}`).toEqual([]);
    }
    await context.close();
  });
}
