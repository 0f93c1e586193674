// `npm start`: the production server. One primary process prepares the data (migrations, generated
// secrets, demo seed) and runs the tasks that must run in exactly one process, then forks
// WEB_CONCURRENCY workers (default: one per CPU) that each serve the Next.js build on the same
// port (Node's cluster module hands connections to them in turn). A worker that dies is replaced,
// with a growing delay while replacements keep dying young. SIGTERM/SIGINT stop accepting
// connections, let requests in flight finish (at most SHUTDOWN_GRACE_MS), then exit.
//
// Arguments as `next start`: -p/--port <n> (else PORT, else 3000), -H/--hostname <host> (else
// every interface). Each worker sets the trusted client-address header (lib/api/client-address.ts)
// from the TCP peer and TRUST_PROXY_HOPS, overwriting any value the client sent.
import cluster, { type Worker } from "node:cluster";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { CLIENT_ADDRESS_HEADER, trustedClientAddress } from "@/lib/api/client-address";
import { env } from "@/lib/env";
import { startJobLoop } from "@/lib/jobs/loop";
import { prepareData } from "./prepare";

const SHUTDOWN_GRACE_MS = 10_000;
/** A worker that served this long before dying was healthy: its replacement starts at once. */
const HEALTHY_LIFETIME_MS = 10_000;
const FIRST_RESTART_DELAY_MS = 250;
const MAX_RESTART_DELAY_MS = 30_000;
const SHUTDOWN_MESSAGE = "zhizu:shutdown";

function parseArguments(argv: string[]): { port?: number; hostname?: string } {
  const result: { port?: number; hostname?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]?.split("=", 2) ?? [];
    const value = () => inline ?? argv[++i];
    if (flag === "-p" || flag === "--port") result.port = Number(value());
    else if (flag === "-H" || flag === "--hostname") result.hostname = value();
    else throw new Error(`unknown argument ${argv[i]} (takes -p <port> and -H <hostname>)`);
  }
  if (result.port !== undefined && !(Number.isInteger(result.port) && result.port > 0))
    throw new Error("-p needs a port number");
  return result;
}

/**
 * Work that must run in exactly one process, started once the data is prepared and before any
 * worker exists: the scheduled job loop (a pass every minute; its database lease also keeps a
 * second server on the same database from running passes at the same time).
 */
function startPrimaryTasks(): { stop: () => void } {
  return startJobLoop();
}

async function runPrimary(): Promise<void> {
  const args = parseArguments(process.argv.slice(2));
  // Workers inherit the environment: -p also decides APP_URL's default, as with `next start`.
  if (args.port) process.env.PORT = String(args.port);
  if (args.hostname) process.env.HOSTNAME = args.hostname;
  // The build folder as next.config.ts names it; without a build every worker would die at start.
  const distDir = process.env.NEXT_DIST_DIR ?? ".next";
  if (!fs.existsSync(path.join(distDir, "BUILD_ID"))) {
    console.error(`zhizu: no production build in ${distDir}: run npm run build first`);
    process.exit(1);
  }
  await prepareData();
  const primaryTasks = startPrimaryTasks();

  const count = env().WEB_CONCURRENCY ?? os.availableParallelism();
  let stopping = false;
  let restartDelay = 0;
  /** Every live worker, with the time it started listening (0 while it is starting). */
  const workers = new Map<Worker, number>();
  const fork = () => workers.set(cluster.fork(), 0);

  cluster.on("exit", (worker, code, signal) => {
    const listeningSince = workers.get(worker) ?? 0;
    workers.delete(worker);
    if (stopping) {
      if (workers.size === 0) process.exit(0);
      return;
    }
    const healthy = listeningSince > 0 && Date.now() - listeningSince >= HEALTHY_LIFETIME_MS;
    restartDelay = healthy
      ? 0
      : Math.min(Math.max(restartDelay * 2, FIRST_RESTART_DELAY_MS), MAX_RESTART_DELAY_MS);
    console.error(
      `zhizu: worker ${worker.process.pid} died (${signal ?? `exit ${code}`}), replacing it in ${restartDelay} ms`,
    );
    setTimeout(() => {
      if (!stopping) fork();
    }, restartDelay);
  });
  let listening = 0;
  cluster.on("listening", (worker, address) => {
    workers.set(worker, Date.now());
    listening += 1;
    if (listening === count)
      console.info(
        `zhizu: ${count} workers serving on http://${address.address ?? "localhost"}:${address.port}`,
      );
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    primaryTasks.stop();
    console.info(`zhizu: ${signal}, stopping ${workers.size} workers`);
    if (workers.size === 0) process.exit(0);
    for (const worker of workers.keys()) worker.send(SHUTDOWN_MESSAGE);
    setTimeout(() => {
      for (const worker of workers.keys()) worker.process.kill("SIGKILL");
      process.exit(1);
    }, SHUTDOWN_GRACE_MS + 2000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);

  for (let i = 0; i < count; i++) fork();
}

async function runWorker(): Promise<void> {
  const settings = env();
  const hostname = process.env.HOSTNAME || undefined;
  const port = settings.PORT;
  // Loaded here, after NODE_ENV is settled, so React and Next pick their production builds.
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: process.cwd(), hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const hops = settings.TRUST_PROXY_HOPS;
  const server = http.createServer((request, response) => {
    request.headers[CLIENT_ADDRESS_HEADER] = trustedClientAddress(
      request.socket.remoteAddress,
      request.headers["x-forwarded-for"],
      hops,
    );
    // Next answers errors itself; the promise only tells when the response is done.
    void handle(request, response);
  });
  server.listen(port, hostname);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // Finishes the requests in flight; idle keep-alive connections are closed at once.
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
  };
  process.on("message", (message) => {
    if (message === SHUTDOWN_MESSAGE) stop();
  });
  // A terminal's Ctrl-C reaches every process of the group; the primary coordinates the stop.
  process.on("SIGINT", () => {});
  process.on("SIGTERM", stop);
}

if (process.env.NODE_ENV !== "production") {
  console.error("zhizu: the server needs NODE_ENV=production (npm start sets it)");
  process.exit(1);
}
await (cluster.isPrimary ? runPrimary() : runWorker());
