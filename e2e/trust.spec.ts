import { type APIRequestContext, expect, test } from "@playwright/test";
import sharp from "sharp";
import { devSignIn, makeAdmin, myUserId } from "./fixtures/session";

// Copied photos: a second landlord uploads a demo landlord's photo (re-encoded and smaller, as
// a copy taken from the page would be). The listing is held out of search, the admin sees both
// listings side by side in /admin/moderation and takes it down, and the landlord sees why.

async function post(request: APIRequestContext, origin: string, path: string, options: object) {
  const response = await request.post(path, { headers: { origin }, ...options });
  const body = await response.json();
  expect(body.status, `${path}: ${body.msg}`).toBe(0);
  return body.ans;
}

test("a copied photo holds the listing until an admin takes it down, and the landlord is told why", async ({
  page,
  browser,
  baseURL,
}) => {
  if (!baseURL) throw new Error("baseURL missing");
  const origin = new URL(baseURL).origin;
  await page.context().route(
    (url) => url.origin !== origin,
    (route) => route.abort(),
  );

  // A demo landlord's published listing and its cover photo.
  const found = await (
    await page.request.get("/api/search_house?longitude=104.066&latitude=30.572&radius=20")
  ).json();
  const original = found.ans[0];
  expect(original?.photos?.length).toBeGreaterThan(0);
  const stolen = await sharp(await (await page.request.get(original.photos[0])).body())
    .resize(640)
    .jpeg({ quality: 80 })
    .toBuffer();

  const suffix = Date.now() % 1_000_000;
  const name = `二号房东${suffix}`;
  await devSignIn(page, name);
  const portrait = await sharp({
    create: { width: 64, height: 64, channels: 3, background: "#5a8" },
  })
    .jpeg()
    .toBuffer();
  await post(page.request, origin, "/api/create_userinfo", {
    multipart: {
      nickname: name,
      sex: "1",
      user_type: "1",
      portrait: { name: "me.jpg", mimeType: "image/jpeg", buffer: portrait },
    },
  });
  const { house_id: houseId } = await post(page.request, origin, "/api/house_create", {
    form: {
      province_code: 510000,
      city_code: 510100,
      county_code: 510104,
      district_name: "锦江花园",
      longitude: 104.08,
      latitude: 30.65,
      house_rent: 2500,
      house_size: 60,
      description_title: `复制照片的房源 ${suffix}`,
    },
  });
  await post(page.request, origin, "/api/create_house_photo", {
    multipart: {
      house_id: String(houseId),
      rooms_type: "3",
      house_photo: { name: "living.jpg", mimeType: "image/jpeg", buffer: stolen },
    },
  });
  await post(page.request, origin, "/api/house_release", { form: { house_id: houseId } });

  // Held: published, but not in search, and 我的房源 says why.
  const search = await (
    await page.request.get("/api/search_house?longitude=104.08&latitude=30.65&radius=5&count=50")
  ).json();
  expect(search.ans.map((item: { house_id: number }) => item.house_id)).not.toContain(houseId);
  await page.goto("/me/houses");
  const trust = page.getByTestId(`house-trust-${houseId}`);
  await expect(trust).toContainText("审核中，暂不在搜索中展示");
  await expect(trust).toContainText("照片与其他账号的房源 #");

  // The admin sees both listings side by side and takes the copy down.
  const adminContext = await browser.newContext({ ...test.info().project.use, baseURL });
  const admin = await adminContext.newPage();
  await devSignIn(admin, `审核员${suffix}`);
  makeAdmin(await myUserId(admin, `审核员${suffix}`));
  await admin.goto("/admin/moderation");
  const item = admin.getByTestId(`moderation-${houseId}`);
  await expect(item).toContainText("被审核的房源");
  await expect(item).toContainText("照片相同的房源（其他账号）");

  await item.getByLabel("告知房东的原因").fill("照片来自其他房东的房源");
  await item.getByRole("button", { name: "下架", exact: true }).click();
  await expect(item).toHaveCount(0);
  await adminContext.close();

  // The landlord sees the decision, the reason, and can appeal once.
  await page.reload();
  await expect(trust).toContainText("已被平台下架");
  await expect(trust).toContainText("原因：照片来自其他房东的房源");
  await expect(trust.getByRole("button", { name: "申诉" })).toBeVisible();
  await page.goto("/notifications");
  await expect(page.getByText("房源审核结果：平台下架")).toBeVisible();
});
