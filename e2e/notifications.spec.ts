import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { e2eDataDir } from "../playwright.config";
import { devSignIn, myUserId, photo } from "./fixtures/session";

// The inbox and the sandbox outbox as a person sees them: a notification appears on the bell,
// the delivery step (npm run jobs:run) records the template message in /sandbox/outbox, and
// reading it clears the bell. Then a phone number is verified with the code from the outbox.

const cli = (command: string, args: string[]) =>
  execFileSync(command, args, { env: { ...process.env, DATA_DIR: e2eDataDir }, stdio: "pipe" });

test.use({ viewport: { width: 390, height: 844 } });

test("notification bell, inbox, outbox and a verified phone number", async ({ page }) => {
  // A fresh user, not the fixtures' tenant: the bell must count this test's notification only.
  const name = `inbox-${String(Date.now()).slice(-8)}`;
  await devSignIn(page, name);
  const userId = await myUserId(page, name);
  cli("npx", [
    "tsx",
    "--import",
    "./scripts/plain-node.mjs",
    "e2e/fixtures/notify.ts",
    String(userId),
    `e2e:${Date.now()}`,
  ]);

  await page.goto("/me");
  await expect(page.getByTestId("notification-unread")).toHaveText("1");

  cli("npm", ["run", "--silent", "jobs:run", "--", "--step=notifications:deliver"]);
  await page.goto("/sandbox/outbox");
  const message = page.getByTestId("outbox-message").filter({ hasText: `user:${userId}` });
  await expect(message).toContainText("公众号模板消息");
  await expect(message).toContainText("/viewings");

  await page.goto("/me");
  await page.getByTestId("notification-bell").click();
  await page.waitForURL("**/notifications");
  const item = page.getByTestId("notification");
  await expect(item).toContainText("有人支付了看房费");
  await expect(item).toHaveAttribute("data-read", "false");
  await item.click();
  await page.waitForURL("**/viewings");
  await expect(page.getByTestId("notification-unread")).toHaveCount(0);

  await page.goto("/me/profile");
  await page.locator("#profile-portrait").setInputFiles(await photo("me.jpg", 800, 800));
  await page.getByLabel("称呼 *").fill("验证号码");
  await page.getByLabel("性别 *").selectOption("1");
  await page.getByLabel("身份 *", { exact: true }).selectOption("2");
  const tel = `139${String(Date.now()).slice(-8)}`;
  await page.getByLabel("手机号").fill(tel);
  await page.getByRole("button", { name: "获取验证码" }).click();
  await expect(page.getByText("验证码已发送")).toBeVisible();
  const outbox = await page.context().newPage();
  await outbox.goto("/sandbox/outbox");
  const sms = await outbox
    .getByTestId("outbox-message")
    .filter({ hasText: tel })
    .first()
    .textContent();
  const code = /验证码是 (\d{6})/.exec(sms ?? "")?.[1];
  expect(code).toMatch(/^\d{6}$/);
  await page.getByLabel("短信验证码").fill(code!);
  await page.getByRole("button", { name: "保存资料" }).click();
  await expect(page.getByText("资料已保存")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("手机号（已验证）")).toHaveValue(tel);
});
