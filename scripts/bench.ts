// npm run bench [-- --sizes=100000,1000000 --iterations=3000 --workers=1,2 --seconds=6
//                   --mix-seconds=30 --routes=/api/health,... --cpu-prof=DIR --build
//                   --driver=libsql --workers=none]
//
// For each size: seed a temp DATA_DIR and time the search mix in-process (child process), then
// serve that DATA_DIR with `npm start`'s server (scripts/server.ts, build in .next-bench) on
// 127.0.0.1, one server per worker count, all started before any load so every cell of one
// route runs back to back for each worker count (the shared machine's load drifts less between
// them). autocannon runs in its own process, pinned with taskset to the last CPU where there is
// more than one; a server is pinned to the other CPUs when they are at least its worker count.
// With the first worker count the reference query and the long mix run, reading the server's RSS
// before and after; with every worker count each route of `routeLoads` at 10 and 50
// connections, reading the CPU time of all server processes from /proc before and after. Every
// cell lasts `--seconds` (a failed or stuck cell is reported and the run goes on), so a run is
// bounded whatever the machine's load. Prints markdown tables and checks the targets. The
// servers are stopped and the data removed on exit. `--cpu-prof=DIR` runs the servers under
// `node --cpu-prof` (one profile per process in DIR, written when they stop; summarise them
// with `tsx scripts/bench/profile-summary.ts DIR`). `--driver=libsql` also times the in-process
// mix on @libsql/client in file: mode, on the same seeded file, and prints both drivers side by
// side (the HTTP part runs on better-sqlite3, the default).
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
/** `--workers=none`: the in-process part only (no build, no server). */
const workerCounts =
  options.workers === "none"
    ? []
    : [
        ...new Set<number>(
          String(options.workers ?? `1,${os.availableParallelism()}`)
            .split(",")
            .map(Number),
        ),
      ];
/** Seconds per measured cell, and of the long mix that checks memory stays flat. */
const cellSeconds = Math.min(Math.max(Number(options.seconds ?? 6), 1), 60);
const mixSeconds = Math.min(Math.max(Number(options["mix-seconds"] ?? 30), 1), 300);
const warmupSeconds = 2;
const cpuProfileDir = options["cpu-prof"] ? path.resolve(options["cpu-prof"]) : undefined;
const connectionCounts = [10, 50];
/** `--routes=/api/health,search mix`: only these of `routeLoads` (e.g. to profile one route). */
const onlyRoutes = options.routes?.split(",");
const compareLibsql = options.driver === "libsql";
const distDir = ".next-bench";
const root = fs.mkdtempSync(path.join(os.tmpdir(), "zhizu-bench-"));
const tsx = path.join("node_modules", ".bin", "tsx");
// Lib modules import `server-only`; plain Node resolves it to its empty module through this.
const plainNode = ["--import", "./scripts/plain-node.mjs"];
const baseEnv = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  APP_MODE: "sandbox",
  LOG_LEVEL: "warn",
};

const servers = new Set<ChildProcess>();
async function stopServer(server: ChildProcess): Promise<void> {
  servers.delete(server);
  if (!server.pid || server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGTERM");
  // The primary lets requests finish for at most 10 s; a profile needs a clean exit.
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
  if (server.exitCode === null) server.kill("SIGKILL");
}
process.on("exit", () => {
  for (const server of servers) server.kill("SIGKILL");
  fs.rmSync(root, { recursive: true, force: true });
});
process.on("SIGINT", () => process.exit(130));
process.on("SIGTERM", () => process.exit(143));

function runJson<T>(args: string[], env: NodeJS.ProcessEnv): T {
  const out = execFileSync(tsx, [...plainNode, ...args], {
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
      timeout: 15 * 60_000,
    });
    return true;
  } catch {
    console.error("next build failed: HTTP figures skipped");
    return false;
  } finally {
    fs.writeFileSync("tsconfig.json", tsconfig);
  }
}

// The load generator gets a CPU of its own where taskset and a second CPU exist; a server gets
// the others when they are enough for its workers (else it runs anywhere, the load's CPU too).
const cpuCount = os.availableParallelism();
const canPin = cpuCount > 1 && fs.existsSync("/usr/bin/taskset");
const loadCpu = String(cpuCount - 1);
const serverCpus = (workers: number) =>
  canPin && cpuCount - 1 >= workers ? `0-${cpuCount - 2}` : undefined;

interface Server {
  workers: number;
  port: number;
  pid: number;
  pinned?: string;
}

async function startServer(dataDir: string, workers: number): Promise<Server> {
  const port = await freePort();
  const pinned = serverCpus(workers);
  const node = [
    ...(cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${cpuProfileDir}`] : []),
    "--import",
    "./scripts/plain-node.mjs",
    "--import",
    "tsx",
    "scripts/server.ts",
    "-H",
    "127.0.0.1",
    "-p",
    String(port),
  ];
  const [command, args] = pinned
    ? ["taskset", ["-c", pinned, process.execPath, ...node]]
    : [process.execPath, node];
  const server = spawn(command, args, {
    env: {
      ...baseEnv,
      NODE_ENV: "production",
      WEB_CONCURRENCY: String(workers),
      NEXT_DIST_DIR: distDir,
      DATA_DIR: dataDir,
      APP_URL: `http://127.0.0.1:${port}`,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  servers.add(server);
  const pid = server.pid ?? 0;
  const deadline = Date.now() + 300_000;
  let state = "not started";
  while (Date.now() < deadline && server.exitCode === null) {
    try {
      const health = await fetch(`http://127.0.0.1:${port}/api/health`, {
        signal: AbortSignal.timeout(10_000),
      });
      const processes = serverProcesses(pid).length;
      state = `health HTTP ${health.status}, ${processes} processes`;
      if (health.ok && processes === workers + 1) return { workers, port, pid, pinned };
    } catch (error) {
      state = `not answering (${error instanceof Error ? error.message : String(error)})`;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const exit = server.exitCode === null ? "" : `, exited with ${server.exitCode}`;
  await stopServer(server);
  throw new Error(`the server with ${workers} workers was not ready in 300 s: ${state}${exit}`);
}

interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  non2xx: number;
  errors: number;
}

const failedLoad: LoadResult = {
  requests: 0,
  rps: Number.NaN,
  p50: Number.NaN,
  p95: Number.NaN,
  non2xx: 0,
  errors: 1,
};

/** One bounded cell of load; a cell that fails or hangs is reported as failed, not fatal. */
function load(
  port: number,
  paths: string[],
  seconds: number,
  { connections = 10, headers }: { connections?: number; headers?: Record<string, string> } = {},
): LoadResult {
  const input = JSON.stringify({
    url: `http://127.0.0.1:${port}`,
    paths,
    seconds,
    connections,
    headers,
  });
  const args = ["scripts/bench/load.ts", input];
  const [command, commandArgs] = canPin
    ? ["taskset", ["-c", loadCpu, tsx, ...plainNode, ...args]]
    : [tsx, [...plainNode, ...args]];
  try {
    const out = execFileSync(command, commandArgs, {
      env: baseEnv,
      maxBuffer: 64 * 1024 * 1024,
      timeout: (seconds + 60) * 1000,
    });
    return JSON.parse(out.toString()) as LoadResult;
  } catch (error) {
    console.error(`load on ${paths[0]} (${connections} connections) failed: ${String(error)}`);
    return failedLoad;
  }
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
  ].filter(({ route }) => !onlyRoutes || onlyRoutes.includes(route));
}

/** Every route at every connection count, each cell run on every server back to back. */
function measureRoutes(
  list: Server[],
  mixPaths: string[],
  token: string,
): Map<Server, RouteLoad[]> {
  const results = new Map<Server, RouteLoad[]>(list.map((server) => [server, []]));
  for (const { route, paths, auth } of routeLoads(mixPaths)) {
    const headers = auth ? { token } : undefined;
    for (const server of list) load(server.port, paths, warmupSeconds, { headers }); // JIT, caches
    for (const connections of connectionCounts) {
      for (const server of list) {
        console.error(`  ${route}, ${connections} connections, ${server.workers} worker(s)…`);
        const before = cpuSeconds(server.pid);
        const result = load(server.port, paths, cellSeconds, { headers, connections });
        const cpuMs = (cpuSeconds(server.pid) - before) * 1000;
        results
          .get(server)
          ?.push({ ...result, route, connections, cpuMsPerRequest: cpuMs / result.requests });
      }
    }
  }
  return results;
}

interface InProcess {
  size: number;
  driver: string;
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

const built = workerCounts.length > 0 && ensureBuild();
const rows: {
  inProcess: InProcess;
  http?: {
    reference: LoadResult;
    floor: LoadResult;
    mix: LoadResult;
    rssBefore: number;
    rssAfter: number;
  };
  byWorkers: { workers: number; pinned?: string; routes: RouteLoad[]; workerRss: number[] }[];
  libsql?: InProcess;
}[] = [];
for (const size of sizes) {
  const dataDir = path.join(root, String(size));
  console.error(`${size} listings: seeding and timing in-process…`);
  const inProcess = runJson<InProcess>(
    ["scripts/bench/in-process.ts", String(size), String(iterations)],
    { ...baseEnv, DATA_DIR: dataDir },
  );
  const libsql = compareLibsql
    ? runJson<InProcess>(
        ["scripts/bench/in-process.ts", String(size), String(iterations), "seeded"],
        { ...baseEnv, DATA_DIR: dataDir, DATABASE_DRIVER: "libsql" },
      )
    : undefined;
  let http: (typeof rows)[number]["http"];
  const byWorkers: (typeof rows)[number]["byWorkers"] = [];
  const mixPaths = queryMix(500, 11).map((query) => searchPath(query.params));
  const started: Server[] = [];
  for (const workers of built ? workerCounts : []) {
    console.error(`${size} listings: starting a server with ${workers} worker(s)…`);
    try {
      started.push(await startServer(dataDir, workers));
    } catch (error) {
      console.error(String(error));
    }
  }
  const first = started[0];
  if (first) {
    console.error(`${size} listings: reference, floor and long mix on ${first.workers} worker(s)…`);
    load(first.port, mixPaths, warmupSeconds);
    const reference = load(first.port, [searchPath(REFERENCE_QUERY.params)], cellSeconds);
    // The framework's own floor: a route that only answers (no search).
    const floor = load(first.port, ["/api/health"], cellSeconds);
    const rssBefore = rssMegabytes(first.pid);
    const mix = load(first.port, mixPaths, mixSeconds);
    const rssAfter = rssMegabytes(first.pid);
    http = { reference, floor, mix, rssBefore, rssAfter };
  }
  const measured = measureRoutes(started, mixPaths, inProcess.token);
  for (const server of started) {
    const workerRss = serverProcesses(server.pid).slice(1).map(rssOf);
    byWorkers.push({
      workers: server.workers,
      pinned: server.pinned,
      routes: measured.get(server) ?? [],
      workerRss,
    });
  }
  for (const server of [...servers]) await stopServer(server);
  rows.push({ inProcess, libsql, http, byWorkers });
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

if (compareLibsql) {
  print("\nIn-process search mix by driver (the same file, the same queries):\n");
  print("| listings | driver | mix p50 / p95 | mix q/s | reference p50 / p95 | reference q/s |");
  print("|---|---|---|---|---|---|");
  for (const row of rows) {
    for (const run of [row.inProcess, row.libsql]) {
      if (!run) continue;
      print(
        `| ${run.size.toLocaleString("en")} | ${run.driver} | ${f(run.mix.p50)} / ${f(run.mix.p95)} ms | ${f(run.mix.qps, 0)} | ${f(run.reference.p50)} / ${f(run.reference.p95)} ms | ${f(run.reference.qps, 0)} |`,
      );
    }
  }
}

if (rows.some((row) => row.byWorkers.length > 0)) {
  print(
    `\nHTTP by worker count, ${cellSeconds} s per cell (server CPU = user + system time of all server processes per request; load generator ${canPin ? `on CPU ${loadCpu}` : "not pinned"}):\n`,
  );
  print(
    "| listings | workers | server CPUs | route | connections | req/s | p50 / p95 | server CPU / request | non-2xx + errors | RSS per worker |",
  );
  print("|---|---|---|---|---|---|---|---|---|---|");
  for (const { inProcess: ip, byWorkers } of rows) {
    for (const { workers, pinned, routes, workerRss } of byWorkers) {
      const rss = workerRss.map((mb) => f(mb, 0)).join(" / ");
      for (const r of routes) {
        print(
          `| ${ip.size.toLocaleString("en")} | ${workers} | ${pinned ?? "any"} | ${r.route} | ${r.connections} | ${f(r.rps, 0)} | ${f(r.p50)} / ${f(r.p95)} ms | ${f(r.cpuMsPerRequest, 3)} ms | ${r.non2xx + r.errors} | ${rss} MB |`,
        );
      }
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
  // Every worker count and connection count is a sample of the same ratio.
  for (const workers of workerCounts) {
    for (const connections of connectionCounts) {
      const health = routeOf(workers, "/api/health", connections);
      const userinfo = routeOf(workers, "/api/fetch_userinfo", connections);
      if (health && userinfo) {
        const ratio = userinfo.cpuMsPerRequest / health.cpuMsPerRequest;
        checks.push([
          `CPU per request /api/fetch_userinfo ≤ 1.3 × /api/health (${workers} worker(s), ${connections} connections): ${f(ratio)}×`,
          ratio <= 1.3,
        ]);
      }
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
