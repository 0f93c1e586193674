// npm run bench:pages [-- --reuse --dist=.next-bench-pages --port=3000 --verbose]
//
// Page budgets on a slow phone network: builds the app (into .next-bench-pages; --reuse skips the
// build when one exists), serves it with `next start` over a fresh seeded sandbox DATA_DIR, then
// loads each page cold in Chromium (Playwright) at phone size with CDP network emulation (2,000 ms
// latency, 50 KB/s down, cache disabled). For each page it prints the JavaScript received
// (compressed, as sent) before the first result card is on screen (the budget), all JavaScript
// at load without the map's chunk, the map's chunk separately, the time from navigation start
// to the first card on screen, and how many of the other tabs' pages were fetched before the
// results. --verbose lists every script on stderr. Exit code 1 when a budget is missed. The
// server and the temp data are removed on exit.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium, devices } from "@playwright/test";

const options = Object.fromEntries(
  process.argv.slice(2).map((arg) => {
    const [key, value] = arg.replace(/^--/, "").split("=");
    return [key, value ?? "true"];
  }),
);
const distDir = options.dist ?? ".next-bench-pages";
const LATENCY_MS = 2000;
const DOWN_BYTES_PER_S = 50 * 1024;
const KB = 1024;
const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;

/** The bottom tab bar's other pages: none may be fetched before the page's first results. */
const TABS = ["/me/favorites", "/viewings", "/me/houses", "/me"];

const PAGES = [
  {
    name: "home",
    path: "/?city=510100",
    firstResult: '[data-testid="search-result"]',
    jsBudget: 150 * KB,
    timeBudgetMs: 6000,
  },
  {
    name: "detail",
    path: "/houses/1",
    firstResult: "h1",
    jsBudget: 120 * KB,
    timeBudgetMs: 6000,
  },
];

const root = fs.mkdtempSync(path.join(os.tmpdir(), "zhizu-bench-pages-"));
let server: ChildProcess | undefined;
process.on("exit", () => {
  if (server?.pid && server.exitCode === null) server.kill("SIGTERM");
  fs.rmSync(root, { recursive: true, force: true });
});
process.on("SIGINT", () => process.exit(130));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function build() {
  if (options.reuse && fs.existsSync(path.join(distDir, "BUILD_ID"))) return;
  // next build adds the dist folder's types to tsconfig.json; a bench run leaves the tree clean.
  const tsconfig = fs.readFileSync("tsconfig.json", "utf8");
  try {
    execFileSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
      env: { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" },
      // The build's output goes to stderr: stdout is the report.
      stdio: ["ignore", 2, "inherit"],
      timeout: 20 * 60_000,
    });
  } finally {
    fs.writeFileSync("tsconfig.json", tsconfig);
  }
}

async function startServer(port: number) {
  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DIST_DIR: distDir,
    APP_MODE: "sandbox",
    DATA_DIR: path.join(root, "data"),
    APP_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: "warn",
  };
  // Migrations, secrets and the demo seed, as `npm start` does.
  execFileSync(
    path.join("node_modules", ".bin", "tsx"),
    ["--import", "./scripts/plain-node.mjs", "scripts/prepare-data.ts"],
    {
      env,
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  server = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(port)],
    { env, stdio: ["ignore", "ignore", "inherit"] },
  );
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("next start did not become ready in 60 s");
}

interface Script {
  url: string;
  /** Compressed bytes as sent (with headers), once finished. */
  bytes: number;
  /** Compressed body bytes received before the first result was shown. */
  bytesBefore: number;
  map: boolean;
}

async function measure(baseUrl: string, page: (typeof PAGES)[number]) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"],
  });
  try {
    const context = await browser.newContext({ ...devices["Pixel 7"], locale: "zh-CN" });
    // Map tiles come from the internet; the budget is about our own page.
    await context.route(
      (url) => url.origin !== new URL(baseUrl).origin,
      (route) => route.abort(),
    );
    const tab = await context.newPage();
    const cdp = await context.newCDPSession(tab);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: LATENCY_MS,
      downloadThroughput: DOWN_BYTES_PER_S,
      uploadThroughput: DOWN_BYTES_PER_S,
    });
    const scripts = new Map<string, Script>();
    let shownAt = Number.POSITIVE_INFINITY;
    /** Requests for the other tabs' pages (prefetches), by when they were sent. */
    const tabRequests: { url: string; sentAt: number }[] = [];
    let searchRequestAt: number | undefined;
    cdp.on("Network.requestWillBeSent", (event) => {
      const url = new URL(event.request.url);
      if (
        url.origin !== new URL(baseUrl).origin ||
        url.pathname === new URL(page.path, baseUrl).pathname
      )
        return;
      if (TABS.includes(url.pathname))
        tabRequests.push({ url: event.request.url, sentAt: Date.now() });
      if (url.pathname === "/api/search_house") searchRequestAt ??= Date.now();
    });
    cdp.on("Network.responseReceived", (event) => {
      if (event.type === "Script")
        scripts.set(event.requestId, {
          url: event.response.url,
          bytes: 0,
          bytesBefore: 0,
          map: false,
        });
    });
    cdp.on("Network.dataReceived", (event) => {
      const script = scripts.get(event.requestId);
      if (script && Date.now() <= shownAt) script.bytesBefore += event.encodedDataLength;
    });
    cdp.on("Network.loadingFinished", (event) => {
      const script = scripts.get(event.requestId);
      if (script) script.bytes = event.encodedDataLength;
    });
    const start = Date.now();
    await tab.goto(`${baseUrl}${page.path}`, { waitUntil: "commit" });
    await tab.locator(page.firstResult).first().waitFor({ state: "visible", timeout: 120_000 });
    const visibleMs = Date.now() - start;
    // In the DOM is not yet on screen: nothing is painted before the first contentful paint
    // (the CSS, the HTML up to the element). The card is on screen at the later of the two.
    // A string, not a function: tsx would wrap a function's inner names in its own helper.
    const paintMs = await tab.evaluate<number>(`new Promise((resolve) => {
      const poll = () => {
        const paint = performance.getEntriesByName("first-contentful-paint")[0];
        if (paint) resolve(paint.startTime);
        else requestAnimationFrame(poll);
      };
      poll();
    })`);
    const firstResultMs = Math.max(visibleMs, paintMs);
    shownAt = start + firstResultMs;
    await tab.waitForLoadState("networkidle", { timeout: 180_000 });
    // The map's chunk is the one holding Leaflet.
    for (const script of scripts.values()) {
      const body = await (await fetch(script.url)).text();
      script.map = body.includes("leafletjs.com") || body.includes("L.Map");
    }
    const all = [...scripts.values()];
    const sum = (list: Script[], bytes: (script: Script) => number = (script) => script.bytes) =>
      list.reduce((total, script) => total + bytes(script), 0);
    if (options.verbose)
      for (const script of all)
        console.error(
          `${page.name}: ${script.url} ${kb(script.bytes)} (${kb(script.bytesBefore)} before the first result)${script.map ? " map" : ""}`,
        );
    // With the first page in the HTML the document is the search request.
    const searchAt = Math.min(searchRequestAt ?? start + firstResultMs, start + firstResultMs);
    return {
      firstResultMs,
      tabPrefetchesBefore: tabRequests.filter((request) => request.sentAt <= searchAt).length,
      tabPrefetches: tabRequests.length,
      jsAtLoad: sum(all.filter((script) => !script.map)),
      jsBeforeFirstResult: sum(all, (script) => script.bytesBefore),
      mapJs: sum(all.filter((script) => script.map)),
    };
  } finally {
    await browser.close();
  }
}

build();
const port = Number(options.port ?? (await freePort()));
await startServer(port);
const baseUrl = `http://127.0.0.1:${port}`;
let failed = false;
console.info(
  `Chromium, Pixel 7, ${LATENCY_MS} ms latency, ${DOWN_BYTES_PER_S / KB} KB/s down, cold cache\n`,
);
console.info(
  "| page | JS before the first result (budget) | JS at load without the map | map chunk | first result on screen (budget) | tab prefetches before results (at load) |",
);
console.info("|---|---|---|---|---|---|");
for (const page of PAGES) {
  const result = await measure(baseUrl, page);
  const jsOk = result.jsBeforeFirstResult <= page.jsBudget;
  const timeOk = result.firstResultMs <= page.timeBudgetMs;
  const prefetchOk = result.tabPrefetchesBefore === 0;
  failed ||= !jsOk || !timeOk || !prefetchOk;
  const mark = (ok: boolean) => (ok ? "✅" : "❌");
  console.info(
    `| ${page.name} \`${page.path}\` | ${kb(result.jsBeforeFirstResult)} (≤ ${kb(page.jsBudget)}) ${mark(jsOk)} | ${kb(result.jsAtLoad)} | ${kb(result.mapJs)} | ${(result.firstResultMs / 1000).toFixed(2)} s (≤ ${page.timeBudgetMs / 1000} s) ${mark(timeOk)} | ${result.tabPrefetchesBefore} (${result.tabPrefetches}) ${mark(prefetchOk)} |`,
  );
}
process.exit(failed ? 1 : 0);
