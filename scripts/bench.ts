// npm run bench [-- --sizes=100000,1000000 --iterations=3000 --http-requests=100000
//                   --workers=1,2 --route-requests=5000 --build]
//
// For each size: seed a temp DATA_DIR and time the search mix in-process (child process), then
// serve that DATA_DIR with `npm start`'s server (scripts/server.ts, build in .next-bench) on
// 127.0.0.1 once per worker count and drive it with autocannon from another process (pinned to
// the last CPU with taskset where there is more than one): with the first worker count the
// reference query and the long mix run, reading the server's RSS before and after; with every
// worker count each route of `routeLoads` at 10 and 50 connections, reading the CPU time of all
// server processes from /proc before and after. Prints markdown tables and checks the targets.
// Everything is bounded and the server is stopped on exit.
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
const workerCounts = [
  ...new Set<number>(
    String(options.workers ?? `1,${os.availableParallelism()}`)
      .split(",")
      .map(Number),
  ),
];
const routeRequests = Number(options["route-requests"] ?? 5000);
const connectionCounts = [10, 50];
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
  const out = execFileSync(tsx, ["--import", "./scripts/plain-node.mjs", ...args], {
    env,
    maxBuffer: 64 * 1024 * 1024,
    timeout: 20 * 60_000,
  });
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

/** The server's process tree: the primary first, then its workers. */
function serverProcesses(pid: number): number[] {
  const found: number[] = [];
  const visit = (id: number) => {
    found.push(id);
    for (const task of fs.readdirSync(`/proc/${id}/task`)) {
      const children = fs.readFileSync(`/proc/${id}/task/${task}/children`, "utf8").trim();
      for (const child of children ? children.split(" ") : []) visit(Number(child));
    }
  };
  visit(pid);
  return found;
}

function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** Resident memory of the server and its workers, in MB. */
function rssMegabytes(pid: number): number {
  return serverProcesses(pid).reduce((total, id) => total + rssOf(id), 0);
}

const clockTicks = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
/** User + system CPU seconds of the server and its workers so far (/proc/<pid>/stat). */
function cpuSeconds(pid: number): number {
  let ticks = 0;
  for (const id of serverProcesses(pid)) {
    // Fields after the parenthesised command name: utime and stime are the 12th and 13th.
    const fields = fs.readFileSync(`/proc/${id}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    ticks += Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  }
  return ticks / clockTicks;
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

async function startServer(dataDir: string, port: number, workers: number): Promise<number> {
  server = spawn(
    process.execPath,
    [
      "--import",
      "./scripts/plain-node.mjs",
      "--import",
      "tsx",
      "scripts/server.ts",
      "-H",
      "127.0.0.1",
      "-p",
      String(port),
    ],
    {
      env: {
        ...baseEnv,
        NODE_ENV: "production",
        WEB_CONCURRENCY: String(workers),
        NEXT_DIST_DIR: distDir,
        DATA_DIR: dataDir,
        APP_URL: `http://127.0.0.1:${port}`,
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const pid = server.pid ?? 0;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      const ready = (await fetch(`http://127.0.0.1:${port}/api/health`)).ok;
      if (ready && serverProcesses(pid).length === workers + 1) return pid;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the server did not become ready with ${workers} workers in 120 s`);
}

interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  non2xx: number;
  errors: number;
}

// The load generator gets a CPU of its own where taskset and a second CPU exist.
const pinLoad = os.availableParallelism() > 1 && fs.existsSync("/usr/bin/taskset");

function load(
  port: number,
  paths: string[],
  amount: number,
  { connections = 10, headers }: { connections?: number; headers?: Record<string, string> } = {},
): LoadResult {
  const input = JSON.stringify({
    url: `http://127.0.0.1:${port}`,
    paths,
    amount,
    connections,
    headers,
  });
  const args = ["scripts/bench/load.ts", input];
  if (!pinLoad) return runJson<LoadResult>(args, baseEnv);
  const cpu = String(os.availableParallelism() - 1);
  const out = execFileSync(
    "taskset",
    ["-c", cpu, tsx, "--import", "./scripts/plain-node.mjs", ...args],
    {
      env: baseEnv,
      maxBuffer: 64 * 1024 * 1024,
      timeout: 20 * 60_000,
    },
  );
  return JSON.parse(out.toString()) as LoadResult;
}

interface RouteLoad extends LoadResult {
  route: string;
  connections: number;
  cpuMsPerRequest: number;
}

/** The routes measured at every worker count: the framework floor, two authenticated reads, search. */
function routeLoads(mixPaths: string[]) {
  return [
    { route: "/api/health", paths: ["/api/health"], auth: false },
    { route: "/api/fetch_userinfo", paths: ["/api/fetch_userinfo"], auth: true },
    { route: "/api/my_house_list", paths: ["/api/my_house_list"], auth: true },
    { route: "search mix", paths: mixPaths, auth: false },
  ];
}

function measureRoutes(port: number, pid: number, mixPaths: string[], token: string): RouteLoad[] {
  const results: RouteLoad[] = [];
  for (const { route, paths, auth } of routeLoads(mixPaths)) {
    const headers = auth ? { token } : undefined;
    load(port, paths, 500, { headers, connections: 10 }); // warm-up on every worker
    for (const connections of connectionCounts) {
      const before = cpuSeconds(pid);
      const result = load(port, paths, routeRequests, { headers, connections });
      const cpuMs = (cpuSeconds(pid) - before) * 1000;
      results.push({ ...result, route, connections, cpuMsPerRequest: cpuMs / result.requests });
    }
  }
  return results;
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
  token: string;
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
  byWorkers: { workers: number; routes: RouteLoad[]; workerRss: number[] }[];
}[] = [];
for (const size of sizes) {
  const dataDir = path.join(root, String(size));
  console.error(`${size} listings: seeding and timing in-process…`);
  const inProcess = runJson<InProcess>(
    ["scripts/bench/in-process.ts", String(size), String(iterations)],
    { ...baseEnv, DATA_DIR: dataDir },
  );
  let http: (typeof rows)[number]["http"];
  const byWorkers: (typeof rows)[number]["byWorkers"] = [];
  const mixPaths = queryMix(500, 11).map((query) => searchPath(query.params));
  for (const [index, workers] of (built ? workerCounts : []).entries()) {
    console.error(`${size} listings: HTTP with ${workers} worker(s)…`);
    const port = await freePort();
    const pid = await startServer(dataDir, port, workers);
    load(port, mixPaths, 1000); // warm-up
    if (index === 0) {
      const reference = load(port, [searchPath(REFERENCE_QUERY.params)], 5000);
      // The framework's own floor: a route that only answers (no search).
      const floor = load(port, ["/api/health"], 5000);
      const rssBefore = rssMegabytes(pid);
      const mix = load(port, mixPaths, size === Math.max(...sizes) ? httpRequests : 10_000);
      const rssAfter = rssMegabytes(pid);
      http = { reference, floor, mix, rssBefore, rssAfter };
    }
    const routes = measureRoutes(port, pid, mixPaths, inProcess.token);
    const workerRss = serverProcesses(pid).slice(1).map(rssOf);
    stopServer();
    byWorkers.push({ workers, routes, workerRss });
  }
  rows.push({ inProcess, http, byWorkers });
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

print(
  "\nHTTP by worker count (server CPU = user + system time of all server processes per request):\n",
);
print(
  "| listings | workers | route | connections | req/s | p50 / p95 | server CPU / request | non-2xx | RSS per worker |",
);
print("|---|---|---|---|---|---|---|---|---|");
for (const { inProcess: ip, byWorkers } of rows) {
  for (const { workers, routes, workerRss } of byWorkers) {
    const rss = workerRss.map((mb) => f(mb, 0)).join(" / ");
    for (const r of routes) {
      print(
        `| ${ip.size.toLocaleString("en")} | ${workers} | ${r.route} | ${r.connections} | ${f(r.rps, 0)} | ${f(r.p50)} / ${f(r.p95)} ms | ${f(r.cpuMsPerRequest, 3)} ms | ${r.non2xx + r.errors} | ${rss} MB |`,
      );
    }
  }
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
  const routeOf = (workers: number | undefined, route: string, connections: number) =>
    large.byWorkers
      .find((run) => run.workers === workers)
      ?.routes.find((r) => r.route === route && r.connections === connections);
  const first = workerCounts[0];
  const most = workerCounts.at(-1);
  for (const connections of connectionCounts) {
    const health = routeOf(first, "/api/health", connections);
    const userinfo = routeOf(first, "/api/fetch_userinfo", connections);
    if (health && userinfo) {
      const ratio = userinfo.cpuMsPerRequest / health.cpuMsPerRequest;
      checks.push([
        `CPU per request /api/fetch_userinfo ≤ 1.3 × /api/health (${first} worker(s), ${connections} connections): ${f(ratio)}×`,
        ratio <= 1.3,
      ]);
    }
  }
  const mixOne = routeOf(first, "search mix", 50);
  const mixMost = routeOf(most, "search mix", 50);
  if (mixOne && mixMost && most !== first) {
    const ratio = mixMost.rps / mixOne.rps;
    checks.push([
      `search mix req/s at 50 connections, ${most} workers ≥ 1.3 × ${first}: ${f(ratio)}×`,
      ratio >= 1.3,
    ]);
  }
  print("\nTargets:\n");
  for (const [label, ok] of checks) print(`- ${ok ? "✅" : "❌"} ${label}`);
}
