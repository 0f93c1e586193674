import type { Page } from "@playwright/test";
import sharp from "sharp";
import { ID_NUMBER } from "../tests/files";
import { offline, photo, video } from "./fixtures/session";
import { expect, test } from "./fixtures/users";

// A landlord's whole journey on a phone: sign in, profile, real-name and property verification
// (approved by an admin), a listing with map location, photos and a video, released, seen in
// 我的房源, pulled off and deleted. Map tiles cannot load here: the page must work without them.

async function fillProfile(page: Page, nickname: string) {
  await page.goto("/me/profile");
  await page.locator("#profile-portrait").setInputFiles(await photo("me.jpg", 800, 800));
  await page.getByLabel("称呼 *").fill(nickname);
  await page.getByLabel("性别 *").selectOption("1");
  await page.getByLabel("身份 *", { exact: true }).selectOption("1");
  await page.getByLabel("手机号").fill("13800138000");
  // A bad value is reported by the API next to its field.
  await page.getByLabel("QQ").fill("12");
  await page.getByRole("button", { name: "保存资料" }).click();
  await expect(page.locator("#profile-qq-error")).toContainText("5–12 位数字");
  await page.getByLabel("QQ").fill("123456");
  await page.getByRole("button", { name: "保存资料" }).click();
  await expect(page.getByText("资料已保存")).toBeVisible();
}

async function agree(page: Page) {
  // The separate-consent screen comes before any upload control.
  await expect(page.locator('input[type="file"]')).toHaveCount(0);
  await expect(page.getByText("保存与保护")).toBeVisible();
  await page.getByRole("checkbox", { name: /单独同意/ }).check();
  await page.getByRole("button", { name: "同意并继续" }).click();
}

test("a landlord verifies, publishes a listing, pulls it off and deletes it", async ({
  landlordPage: page,
  adminPage: admin,
  baseURL,
}) => {
  if (!baseURL) throw new Error("baseURL missing");
  test.setTimeout(240_000);
  await offline(page.context(), baseURL);
  await offline(admin.context(), baseURL);
  const suffix = String(Date.now() % 1_000_000);
  const realname = `李${suffix}`;
  const certNumber = `京房权证${suffix}`;

  await fillProfile(page, `李先生${suffix}`);

  await page.goto("/me/verify/identity");
  await agree(page);
  await page.getByLabel("真实姓名").fill(realname);
  await page.getByLabel("身份证号码").fill(ID_NUMBER);
  await page.locator("#id-portrait").setInputFiles(await photo("portrait.jpg", 600, 800));
  await page.locator("#id-idcardfront").setInputFiles(await photo("front.jpg", 856, 540));
  await page.locator("#id-idcardback").setInputFiles(await photo("back.jpg", 856, 540));
  await page.getByRole("button", { name: "提交实名认证" }).click();
  await expect(page.getByTestId("verification-state")).toContainText("审核中");

  await page.goto("/me/verify/property");
  await agree(page);
  await page.getByLabel("房产证上的姓名").fill(realname);
  await page.getByLabel("产权人身份证号码").fill(ID_NUMBER);
  await page.getByLabel("房产证号").fill(certNumber);
  await page.getByLabel("证上地址：小区").fill("锦江花园");
  await page.getByLabel("房号").fill("1201");
  await page.locator("#property-cert-photo").setInputFiles(await photo("cert.jpg", 1200, 900));
  await page.getByRole("button", { name: "提交房东认证" }).click();
  await expect(page.getByTestId("verification-state")).toContainText("审核中");

  // The review page is for admins only.
  const forbidden = await page.goto("/admin/verifications");
  expect(forbidden?.status()).toBe(403);
  await expect(page.getByText("它仅对管理员开放")).toBeVisible();

  // An admin approves both submissions, looking at the private documents.
  await admin.goto("/admin/verifications");
  const identityCard = admin
    .locator("section")
    .filter({ hasText: realname })
    .filter({ hasNotText: "房产证号" });
  const documents = identityCard.getByRole("img");
  await expect(documents).toHaveCount(3);
  await expect
    .poll(() => documents.first().evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBeGreaterThan(0);
  await identityCard.getByRole("button", { name: "通过" }).click();
  await expect(identityCard).toHaveCount(0);
  const propertyCard = admin.locator("section").filter({ hasText: certNumber });
  await propertyCard.getByRole("button", { name: "通过" }).click();
  await expect(propertyCard).toHaveCount(0);

  await page.goto("/me/verify/identity");
  await expect(page.getByTestId("verification-state")).toContainText("已通过");
  await page.goto("/me/verify/property");
  await expect(page.getByTestId("verification-state")).toContainText("已通过");

  // A new listing, step by step.
  await page.goto("/me/houses/new");
  await page.getByLabel("出租方式").selectOption("1");
  await page.getByLabel("户型").fill("2室1厅1卫");
  await page.getByLabel("面积（㎡）").fill("89");
  await page.getByRole("button", { name: "创建草稿并继续" }).click();
  await page.waitForURL(/\/me\/houses\/\d+\/edit\?step=location/);
  const houseId = Number(page.url().match(/houses\/(\d+)\//)?.[1]);

  await page.getByLabel("省份").selectOption("510000");
  await page.getByLabel("城市").selectOption("510100");
  await page.getByLabel("区县").selectOption("510104");
  await page.getByLabel("小区名称").fill("锦江花园");
  // Clicking the map (tiles or not) places the marker and fills the coordinates.
  await page.getByTestId("leaflet-map").click();
  await expect(page.getByLabel("经度")).not.toHaveValue("");
  await expect(page.locator(".leaflet-marker-icon")).toHaveCount(1);
  await page.getByLabel("经度").fill("104.081");
  await page.getByLabel("纬度").fill("30.657");
  await page.getByRole("button", { name: "保存并继续" }).click();

  await page.getByLabel("月租金（元/月）").fill("3500");
  await page.getByLabel("付款方式").selectOption("1|3");
  await page.getByRole("button", { name: "保存并继续" }).click();

  await page.getByLabel("标题").fill(`锦江花园精装两居 ${suffix}`);
  await page.getByText("空调", { exact: true }).click();
  await page.getByRole("button", { name: "保存并继续" }).click();
  await expect(page.getByRole("button", { name: "上传照片" })).toBeVisible();

  // Releasing without photos lists what is missing.
  await page.getByRole("button", { name: "6. 发布" }).click();
  await page.getByRole("button", { name: "发布房源" }).click();
  await expect(page.getByTestId("release-missing")).toContainText("至少一张房源照片");
  await page.getByRole("button", { name: "去填写" }).click();

  await page.getByLabel("房间", { exact: true }).selectOption("1");
  await page.getByLabel("房间面积（㎡）").fill("15");
  await page.getByLabel("窗户朝向").selectOption("南");
  await page.locator("#photo-file").setInputFiles(await photo("bedroom.jpg"));
  await page.getByRole("button", { name: "上传照片" }).click();
  await expect(page.getByTestId("house-photo")).toHaveCount(1);
  await page.getByLabel("房间", { exact: true }).selectOption("3");
  await page.locator("#photo-file").setInputFiles(await photo("living.jpg"));
  await page.getByRole("button", { name: "上传照片" }).click();
  await expect(page.getByTestId("house-photo")).toHaveCount(2);

  // Photos were downscaled in the browser before upload.
  const src = await page.getByTestId("house-photo").first().locator("img").getAttribute("src");
  const detail = await (
    await page.request.get(`/api/house_detail?house_id=${houseId}`, {
      headers: { origin: baseURL },
    })
  ).json();
  const fullUrl = detail.ans.photos_by_room[0].photos[0].url as string;
  expect(src).toBeTruthy();
  const stored = await sharp(await (await page.request.get(fullUrl)).body()).metadata();
  expect(Math.max(stored.width ?? 0, stored.height ?? 0)).toBeLessThanOrEqual(1600);

  await page.locator("#video-file").setInputFiles(video());
  await page.getByRole("button", { name: "上传视频" }).click();
  await expect(page.getByTestId("house-video")).toHaveCount(1);

  await page.getByRole("button", { name: "下一步" }).click();
  // Reopened on the last step, the sideways step list shows it on a phone.
  await page.reload();
  await expect(page.getByRole("button", { name: "6. 发布" })).toBeInViewport();
  await page.getByRole("button", { name: "发布房源" }).click();
  await expect(page.getByTestId("released-notice")).toContainText("发布成功");
  await page.goto("/me/houses");

  const card = page.getByTestId(`my-house-${houseId}`);
  await expect(card).toContainText("已发布");
  await expect(card).toContainText("¥3500/月");

  // The published listing's public page, as tenants see it.
  const cardBlock = page.locator("section").filter({ has: card });
  await cardBlock.getByRole("link", { name: "查看" }).click();
  await expect(page).toHaveURL(`/houses/${houseId}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("锦江花园精装两居");
  await page.goBack();

  await cardBlock.getByRole("button", { name: "下架" }).click();
  await expect(card).toContainText("已下架");
  await expect(cardBlock.getByRole("link", { name: "查看" })).toHaveCount(0);

  await cardBlock.getByRole("button", { name: "删除" }).click();
  const dialog = page.getByRole("dialog", { name: "删除房源" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "删除" }).click();
  await expect(card).toHaveCount(0);
});
