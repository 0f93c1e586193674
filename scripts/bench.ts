// npm run bench [-- --sizes=100000,1000000 --iterations=3000 --http-requests=100000 --build]
//
// For each size: seed a temp DATA_DIR and time the search mix in-process (child process), then
// serve that DATA_DIR with `next start` (build in .next-bench) on 127.0.0.1 and drive it with
// autocannon from another process: the reference query, then the mix, reading the server's RSS
// before and after. Prints a markdown table and checks the targets. Everything is bounded and the
// server is stopped on exit.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { queryMix, REFERENCE_QUERY, toQueryString } from "./bench/queries";

const options = Object.fromEntries(
  process.argv.slice(2).map((arg) => {
    const [key, value] = arg.replace(/^--/, "").split("=");
    return [key, value ?? "true"];
  }),
);
const sizes = (options.sizes ?? "100000,1000000").split(",").map(Number);
const iterations = Number(options.iterations ?? 3000);
const httpRequests = Math.min(Number(options["http-requests"] ?? 100_000), 200_000);
const connections = 10;
const distDir = ".next-bench";
const root = fs.mkdtempSync(path.join(os.tmpdir(), "zhizu-bench-"));
const tsx = path.join("node_modules", ".bin", "tsx");
const baseEnv = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  APP_MODE: "sandbox",
  LOG_LEVEL: "warn",
};

let server: ChildProcess | undefined;
function stopServer() {
  if (server?.pid && server.exitCode === null) server.kill("SIGTERM");
  server = undefined;
}
process.on("exit", () => {
  stopServer();
  fs.rmSync(root, { recursive: true, force: true });
});
process.on("SIGINT", () => process.exit(130));

function runJson<T>(args: string[], env: NodeJS.ProcessEnv): T {
  const out = execFileSync(tsx, args, { env, maxBuffer: 64 * 1024 * 1024, timeout: 20 * 60_000 });
  return JSON.parse(out.toString()) as T;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Resident memory of the server and its children, in MB. */
function rssMegabytes(pid: number): number {
  let total = 0;
  const visit = (id: number) => {
    const status = fs.readFileSync(`/proc/${id}/status`, "utf8");
    total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    for (const task of fs.readdirSync(`/proc/${id}/task`)) {
      const children = fs.readFileSync(`/proc/${id}/task/${task}/children`, "utf8").trim();
      for (const child of children ? children.split(" ") : []) visit(Number(child));
    }
  };
  visit(pid);
  return total / 1024;
}

function ensureBuild(): boolean {
  if (options.build !== "true" && fs.existsSync(path.join(distDir, "BUILD_ID"))) return true;
  console.error(`building into ${distDir}…`);
  // next build adds the dist folder's types to tsconfig.json; a bench run leaves the tree clean.
  const tsconfig = fs.readFileSync("tsconfig.json", "utf8");
  try {
    execFileSync("npx", ["next", "build"], {
      env: { ...baseEnv, NEXT_DIST_DIR: distDir },
      stdio: ["ignore", 2, "inherit"], // build output to stderr, keeping stdout for the report
      timeout: 10 * 60_000,
    });
    return true;
  } catch {
    console.error("next build failed: HTTP figures skipped");
    return false;
  } finally {
    fs.writeFileSync("tsconfig.json", tsconfig);
  }
}

async function startServer(dataDir: string, port: number): Promise<number> {
  server = spawn(
    process.execPath,
    ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(port)],
    {
      env: {
        ...baseEnv,
        NEXT_DIST_DIR: distDir,
        DATA_DIR: dataDir,
        APP_URL: `http://127.0.0.1:${port}`,
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return server.pid ?? 0;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("next start did not become ready in 60 s");
}

interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  non2xx: number;
  errors: number;
}

function load(port: number, paths: string[], amount: number): LoadResult {
  const input = JSON.stringify({ url: `http://127.0.0.1:${port}`, paths, amount, connections });
  return runJson<LoadResult>(["scripts/bench/load.ts", input], baseEnv);
}

interface InProcess {
  size: number;
  seedSeconds: number;
  dbMegabytes: number;
  kinds: string[];
  mix: {
    p50: number;
    p95: number;
    qps: number;
    avgResults: number;
    kinds: Record<string, { p50: number; p95: number }>;
  };
  reference: { p50: number; p95: number; qps: number };
}

const searchPath = (params: Record<string, string | number>) =>
  `/api/search_house?${toQueryString(params)}`;

const built = ensureBuild();
const rows: {
  inProcess: InProcess;
  http?: {
    reference: LoadResult;
    floor: LoadResult;
    mix: LoadResult;
    rssBefore: number;
    rssAfter: number;
  };
}[] = [];
for (const size of sizes) {
  const dataDir = path.join(root, String(size));
  console.error(`${size} listings: seeding and timing in-process…`);
  const inProcess = runJson<InProcess>(
    ["scripts/bench/in-process.ts", String(size), String(iterations)],
    { ...baseEnv, DATA_DIR: dataDir },
  );
  let http: (typeof rows)[number]["http"];
  if (built) {
    console.error(`${size} listings: HTTP…`);
    const port = await freePort();
    const pid = await startServer(dataDir, port);
    const mixPaths = queryMix(500, 11).map((query) => searchPath(query.params));
    load(port, mixPaths, 1000); // warm-up
    const reference = load(port, [searchPath(REFERENCE_QUERY.params)], 5000);
    // The framework's own floor: a route that only answers (no search).
    const floor = load(port, ["/api/health"], 5000);
    const rssBefore = rssMegabytes(pid);
    const mix = load(port, mixPaths, size === Math.max(...sizes) ? httpRequests : 10_000);
    const rssAfter = rssMegabytes(pid);
    stopServer();
    http = { reference, floor, mix, rssBefore, rssAfter };
  }
  rows.push({ inProcess, http });
  fs.rmSync(dataDir, { recursive: true, force: true });
}

const print = (line: string) => process.stdout.write(`${line}\n`);
const f = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : "–");
const cpu = os.cpus()[0]?.model ?? "unknown CPU";
print(
  `\nMachine: ${os.cpus().length} × ${cpu}, ${f(os.totalmem() / 1e9, 1)} GB RAM, Node ${process.version}, load average at end ${os
    .loadavg()
    .map((l) => f(l, 1))
    .join(" ")}\n`,
);
print(
  "| listings | seed | DB | in-process mix p50 / p95 | mix q/s | reference p50 / p95 | reference q/s | HTTP reference p50 / p95 | HTTP reference req/s | HTTP /api/health req/s | HTTP mix p50 / p95 | HTTP mix req/s (requests) | server RSS before → after |",
);
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
for (const { inProcess: ip, http } of rows) {
  print(
    `| ${ip.size.toLocaleString("en")} | ${f(ip.seedSeconds, 0)} s | ${f(ip.dbMegabytes, 0)} MB | ${f(ip.mix.p50)} / ${f(ip.mix.p95)} ms | ${f(ip.mix.qps, 0)} | ${f(ip.reference.p50)} / ${f(ip.reference.p95)} ms | ${f(ip.reference.qps, 0)} | ` +
      (http
        ? `${f(http.reference.p50)} / ${f(http.reference.p95)} ms | ${f(http.reference.rps, 0)} | ${f(http.floor.rps, 0)} | ${f(http.mix.p50)} / ${f(http.mix.p95)} ms | ${f(http.mix.rps, 0)} (${http.mix.requests.toLocaleString("en")}, non-2xx ${http.mix.non2xx}) | ${f(http.rssBefore, 0)} → ${f(http.rssAfter, 0)} MB |`
        : "– | – | – | – | – | – |"),
  );
}

print("\nIn-process p50 / p95 (ms) by query kind:\n");
print(`| query | ${rows.map((row) => row.inProcess.size.toLocaleString("en")).join(" | ")} |`);
print(`|---|${rows.map(() => "---").join("|")}|`);
for (const kind of rows[0]?.inProcess.kinds ?? []) {
  const cells = rows.map((row) => {
    const stats = row.inProcess.mix.kinds[kind];
    return stats ? `${f(stats.p50)} / ${f(stats.p95)}` : "–";
  });
  print(`| ${kind} | ${cells.join(" | ")} |`);
}

const small = rows[0];
const large = rows[rows.length - 1];
if (small && large) {
  const checks: [string, boolean][] = [
    [
      `p95 in-process ≤ 10 ms at ${large.inProcess.size.toLocaleString("en")}: ${f(large.inProcess.mix.p95)} ms`,
      large.inProcess.mix.p95 <= 10,
    ],
    [
      `p95 ratio largest/smallest ≤ 1.5: ${f(large.inProcess.mix.p95 / small.inProcess.mix.p95)}`,
      large.inProcess.mix.p95 / small.inProcess.mix.p95 <= 1.5,
    ],
  ];
  if (large.http) {
    const share = large.http.reference.rps / large.inProcess.reference.qps;
    checks.push([
      `HTTP req/s ≥ 50% of in-process q/s (reference query): ${f(share * 100, 0)}%`,
      share >= 0.5,
    ]);
    const growth = large.http.rssAfter - large.http.rssBefore;
    checks.push([
      `RSS flat over ${large.http.mix.requests.toLocaleString("en")} requests (≤ +10%): ${f(growth, 0)} MB`,
      growth <= large.http.rssBefore * 0.1,
    ]);
  }
  print("\nTargets:\n");
  for (const [label, ok] of checks) print(`- ${ok ? "✅" : "❌"} ${label}`);
}
