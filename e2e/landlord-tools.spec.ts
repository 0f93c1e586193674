import { expect, type Page, type Request, test } from "@playwright/test";
import sharp from "sharp";
import { devSignIn, offline, photo, uniqueIdNumber } from "./fixtures/session";

// The reproductions of the landlord-tools issue, at phone size: the location map centres on the
// chosen county, errors come into view, an ID typo costs no upload, several photos go up at once
// and can be reordered, feature tags come from the tenants' vocabulary, publishing confirms with
// a preview and a share action, and 我的房源 counts views.

/** A camera-like photo: noise does not compress, so the original is several megabytes. */
async function cameraPhoto(name: string, width = 3000, height = 2250) {
  const buffer = await sharp({
    create: {
      width,
      height,
      channels: 3,
      background: { r: 128, g: 128, b: 128 },
      noise: { type: "gaussian", mean: 128, sigma: 40 },
    },
  })
    .jpeg({ quality: 95 })
    .toBuffer();
  return { name, mimeType: "image/jpeg", buffer };
}

async function profile(page: Page, nickname: string, tel: string) {
  await page.goto("/me/profile");
  await page.locator("#profile-portrait").setInputFiles(await photo("me.jpg", 400, 400));
  await page.getByLabel("称呼 *").fill(nickname);
  await page.getByLabel("性别 *").selectOption("1");
  await page.getByLabel("身份 *", { exact: true }).selectOption("1");
  await page.getByLabel("手机号").fill(tel);
}

test("errors come into view: the first field in error is focused, a summary sits at the button", async ({
  page,
}) => {
  const suffix = String(Date.now() % 1_000_000);
  await devSignIn(page, `错误${suffix}`);
  const sent: Request[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/api/create_userinfo")) sent.push(request);
  });
  await profile(page, `王${suffix}`, "12345");
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.getByRole("button", { name: "保存资料" }).click();

  const tel = page.getByLabel("手机号");
  await expect(tel).toBeFocused();
  await expect(tel).toBeInViewport();
  await expect(tel).toHaveAttribute("aria-invalid", "true");
  await expect(tel).toHaveAttribute("aria-describedby", "profile-tel-error");
  await expect(page.locator("#profile-tel-error")).toHaveText("应为 11 位中国大陆手机号");
  await expect(page.getByTestId("form-summary")).toContainText(
    "手机号（应为 11 位中国大陆手机号）",
  );
  expect(sent).toHaveLength(0);

  await tel.fill("13800138000");
  await page.getByRole("button", { name: "保存资料" }).click();
  await expect(page.getByText("资料已保存")).toBeVisible();
  await expect(page.getByTestId("form-summary")).toHaveCount(0);
});

test("an ID typo costs no upload, and the documents are downscaled before they go", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const suffix = String(Date.now() % 1_000_000);
  await devSignIn(page, `实名${suffix}`);
  await page.goto("/me/verify/identity");
  await page.getByRole("checkbox", { name: /单独同意/ }).check();
  await page.getByRole("button", { name: "同意并继续" }).click();

  const uploads: Request[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/api/user_identification")) uploads.push(request);
  });
  const files = await Promise.all(
    ["portrait", "front", "back"].map((name) => cameraPhoto(`${name}.jpg`)),
  );
  const originalBytes = files.reduce((total, file) => total + file.buffer.length, 0);
  expect(originalBytes).toBeGreaterThan(6_000_000);

  await page.getByLabel("真实姓名").fill(`赵${suffix}`);
  const idNumber = uniqueIdNumber();
  const wrong = `${idNumber.slice(0, 17)}${idNumber.endsWith("1") ? "2" : "1"}`;
  await page.getByLabel("身份证号码").fill(wrong);
  await page.locator("#id-portrait").setInputFiles(files[0]!);
  await page.locator("#id-idcardfront").setInputFiles(files[1]!);
  await page.locator("#id-idcardback").setInputFiles(files[2]!);
  await page.getByRole("button", { name: "提交实名认证" }).click();

  const idField = page.getByLabel("身份证号码");
  await expect(idField).toBeFocused();
  await expect(page.locator("#id-number-error")).toHaveText("身份证号校验位不正确");
  expect(uploads).toHaveLength(0);

  await idField.fill(idNumber);
  const upload = page.waitForRequest((request) =>
    request.url().includes("/api/user_identification"),
  );
  await page.getByRole("button", { name: "提交实名认证" }).click();
  const sent = await upload;
  await expect(page.getByTestId("verification-state")).toContainText("审核中");
  expect(uploads).toHaveLength(1);
  // Three 3000×2250 originals re-encoded at ≤ 2048 px: well under half the bytes.
  expect(sent.postDataBuffer()?.length ?? 0).toBeLessThan(originalBytes / 2);
});

test("a listing: map on the chosen county, 小区 search, photos at once, tags, 发布成功, views", async ({
  page,
  context,
  browser,
  baseURL,
}) => {
  if (!baseURL) throw new Error("baseURL missing");
  test.setTimeout(240_000);
  await offline(context, baseURL);
  const suffix = String(Date.now() % 1_000_000);
  await devSignIn(page, `成都房东${suffix}`);
  await profile(page, `刘${suffix}`, "13800138000");
  await page.getByRole("button", { name: "保存资料" }).click();
  await expect(page.getByText("资料已保存")).toBeVisible();

  await page.goto("/me/houses/new");
  await page.getByLabel("出租方式").selectOption("1");
  await page.getByLabel("面积（㎡）").fill("70");
  await page.getByRole("button", { name: "创建草稿并继续" }).click();
  await page.waitForURL(/\/me\/houses\/\d+\/edit\?step=location/);
  const houseId = Number(/houses\/(\d+)\/edit/.exec(page.url())?.[1]);

  // The map centres on 武侯区 as soon as it is chosen: a tap in its middle lands in Chengdu.
  await page.getByLabel("省份").selectOption("510000");
  await page.getByLabel("城市").selectOption("510100");
  await page.getByLabel("区县").selectOption("510107");
  const map = page.getByTestId("leaflet-map");
  await map.click();
  const longitude = Number(await page.getByLabel("经度").inputValue());
  const latitude = Number(await page.getByLabel("纬度").inputValue());
  expect(longitude).toBeGreaterThan(103.9);
  expect(longitude).toBeLessThan(104.2);
  expect(latitude).toBeGreaterThan(30.5);
  expect(latitude).toBeLessThan(30.8);

  // A 小区 search proposes positions; picking one fills the name and the marker.
  await page.getByLabel("小区名称").fill("东方花园");
  await page.getByRole("button", { name: "搜索位置" }).click();
  await page
    .getByTestId("place-results")
    .getByRole("button", { name: /东方花园/ })
    .click();
  await expect(page.getByLabel("小区名称")).toHaveValue("东方花园");
  await expect(page.getByLabel("经度")).toHaveValue("104.083500");
  await expect(page.getByRole("button", { name: "使用当前位置" })).toBeVisible();
  await page.getByRole("button", { name: "保存并继续" }).click();

  await page.getByLabel("月租金（元/月）").fill("2800");
  await page.getByRole("button", { name: "保存并继续" }).click();

  // Feature tags: the tenants' filter chips plus a custom one.
  await page.getByLabel("标题").fill(`东方花园两居 ${suffix}`);
  const chips = page.getByTestId("feature-chips");
  await chips.getByText("近地铁", { exact: true }).click();
  await chips.getByText("可养宠物", { exact: true }).click();
  await page.getByLabel("自定义标签").fill("南北通透");
  await page.getByRole("button", { name: "添加" }).click();
  await expect(chips.getByText("南北通透")).toBeVisible();
  await page.getByRole("button", { name: "保存并继续" }).click();
  await expect(page.getByRole("button", { name: "上传照片" })).toBeVisible();
  const detail = async () =>
    (
      await (
        await page.request.get(`/api/house_detail?house_id=${houseId}`, {
          headers: { origin: baseURL },
        })
      ).json()
    ).ans;
  expect((await detail()).house_characteristic).toEqual(["近地铁", "可养宠物", "南北通透"]);

  // Three photos in one pick, each with its room, then 设为封面 on the last one.
  await page
    .locator("#photo-file")
    .setInputFiles([
      await photo("living.jpg"),
      await photo("bedroom.jpg"),
      await photo("kitchen.jpg"),
    ]);
  const queue = page.getByTestId("photo-queue");
  await expect(queue.getByRole("listitem")).toHaveCount(3);
  await queue.getByLabel("bedroom.jpg 的房间").selectOption("1");
  await queue.getByLabel("kitchen.jpg 的房间").selectOption("4");
  await page.getByRole("button", { name: "上传 3 张照片" }).click();
  await expect(page.getByTestId("house-photo")).toHaveCount(3);
  await expect(queue).toHaveCount(0);
  const rooms = (await detail()).photos_by_room.map(
    (room: { rooms_type_name: string }) => room.rooms_type_name,
  );
  expect(rooms).toEqual(["主卧", "客厅", "厨房"]);

  const last = page.getByTestId("house-photo").nth(2);
  await expect(last).toContainText("厨房");
  await last.getByRole("button", { name: "设为封面" }).click();
  await expect(page.getByTestId("house-photo").first()).toContainText("封面");
  await expect(page.getByTestId("house-photo").first()).toContainText("厨房");
  const ordered = await detail();
  const kitchen = ordered.photos_by_room.find(
    (room: { rooms_type_name: string }) => room.rooms_type_name === "厨房",
  ).photos[0].id;
  expect(ordered.cover_photo_id).toBe(kitchen);
  expect(ordered.photo_ids[0]).toBe(kitchen);
  // Arrow buttons move a photo one place.
  const second = await page.getByTestId("house-photo").nth(1).textContent();
  await page.getByTestId("house-photo").nth(1).getByRole("button", { name: "后移" }).click();
  await expect(page.getByTestId("house-photo").nth(2)).toHaveText(second ?? "");

  // Publishing confirms, with a preview link and a share action.
  await page.getByRole("button", { name: "下一步" }).click();
  await page.getByRole("button", { name: "发布房源" }).click();
  const released = page.getByTestId("released-notice");
  await expect(released).toContainText("发布成功");
  await expect(released.getByRole("link", { name: "预览房源" })).toHaveAttribute(
    "href",
    `/houses/${houseId}`,
  );
  await expect(released.getByRole("button", { name: "分享" })).toBeVisible();

  // Two visits by one anonymous visitor and one by another count as two views.
  for (const userAgent of ["Visitor A", "Visitor A", "Visitor B"]) {
    const visitor = await browser.newContext({ userAgent });
    const tenantPage = await visitor.newPage();
    await tenantPage.goto(`${baseURL}/houses/${houseId}`);
    await expect(tenantPage.getByRole("heading", { level: 1 })).toContainText("东方花园两居");
    await visitor.close();
  }
  await page.goto("/me/houses");
  const stats = page.getByTestId(`stats-${houseId}`);
  // Views are recorded just after the page is sent: reload until both have landed.
  await expect(async () => {
    await page.reload();
    const week = stats.getByRole("row", { name: /近 7 天/ });
    await expect(week.getByRole("cell").first()).toHaveText("2", { timeout: 5_000 });
  }).toPass({ timeout: 45_000 });
  await expect(stats.getByRole("columnheader", { name: "收藏" })).toBeVisible();
});
