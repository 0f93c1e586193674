import path from "node:path";
import "./scripts/plain-node.mjs";
import { defineConfig, devices } from "@playwright/test";

// e2e runs against a production build with its own DATA_DIR and build folder, on port 3100.
// E2E_PORT, E2E_DATA_DIR, E2E_DIST_DIR and E2E_OUTPUT_DIR let two runs share one checkout.
const port = Number(process.env.E2E_PORT ?? 3100);
const dataDir = path.resolve(process.env.E2E_DATA_DIR ?? "e2e/.tmp/data");
export const e2eBaseUrl = `http://127.0.0.1:${port}`;
export const e2eDataDir = dataDir;
// The signed-in users' sessions (e2e/auth.setup.ts writes them, e2e/fixtures/users.ts reads them).
export const e2eAuthDir = path.join(path.dirname(dataDir), "auth");
// Local stand-in for WeChat's OAuth servers (e2e/fixtures/wechat-stub.ts), next to the app's port.
const wechatStubPort = Number(process.env.E2E_WECHAT_STUB_PORT ?? port + 99);
export const wechatStubUrl = `http://127.0.0.1:${wechatStubPort}`;

const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
  ],
};

export default defineConfig({
  testDir: "e2e",
  // After every spec: the ledger agrees with every payment, refund and payout they made.
  globalTeardown: "./e2e/ledger-teardown.ts",
  outputDir: process.env.E2E_OUTPUT_DIR ?? "test-results",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    baseURL: e2eBaseUrl,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    video: "off",
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    launchOptions: chromium,
  },
  projects: [
    // Signs in the fixtures' landlord, tenant and admin once per run (dub's auth setup project).
    {
      name: "setup",
      testMatch: /auth\.setup\.ts$/,
      use: { ...devices["Pixel 7"], launchOptions: chromium },
    },
    {
      name: "phone",
      use: { ...devices["Pixel 7"], launchOptions: chromium },
      dependencies: ["setup"],
    },
  ],
  webServer: [
    {
      command: `npx tsx e2e/fixtures/wechat-stub.ts ${wechatStubPort}`,
      url: `${wechatStubUrl}/health`,
      timeout: 30_000,
      reuseExistingServer: !process.env.CI,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: `rm -rf ${dataDir} && npm run build && npm start -- -p ${port} -H 127.0.0.1`,
      url: `${e2eBaseUrl}/api/health`,
      timeout: 900_000,
      reuseExistingServer: !process.env.CI,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        NEXT_DIST_DIR: process.env.E2E_DIST_DIR ?? ".next-e2e",
        NEXT_TELEMETRY_DISABLED: "1",
        DATA_DIR: dataDir,
        APP_MODE: "sandbox",
        PORT: String(port),
        APP_URL: e2eBaseUrl,
        // Both WeChat providers, against the stub (the stub knows these ids and secrets).
        WECHAT_APP_ID: "wx-stub-oa",
        WECHAT_APP_SECRET: "stub-oa-secret",
        WECHAT_WEB_APP_ID: "wx-stub-web",
        WECHAT_WEB_APP_SECRET: "stub-web-secret",
        WECHAT_OPEN_BASE: wechatStubUrl,
        WECHAT_API_BASE: wechatStubUrl,
      },
    },
  ],
});
