// HTTP load generator, run as its own process by bench.ts so the client does not share the
// server's or the bench's event loop. Input (argv[2], JSON): {url, paths, seconds, connections,
// headers?}: autocannon for that many seconds (a bounded cell whatever the server's speed).
// Output (stdout, JSON): requests, req/s, p50/p95 (ms), non-2xx and errors.
import autocannon from "autocannon";
import { percentile } from "./stats";

const { url, paths, seconds, connections, headers } = JSON.parse(process.argv[2] ?? "{}") as {
  url: string;
  paths: string[];
  seconds: number;
  connections: number;
  headers?: Record<string, string>;
};
if (!url.startsWith("http://127.0.0.1:")) throw new Error("the bench only targets 127.0.0.1");

const latencies: number[] = [];
const instance = autocannon({
  url,
  connections,
  duration: seconds,
  // A request stuck longer than this counts as an error instead of stalling the cell.
  timeout: 10,
  headers,
  requests: paths.map((path) => ({ method: "GET", path })),
});
instance.on("response", (_client, _status, _bytes, ms) => {
  latencies.push(ms);
});
const result = await instance;
process.stdout.write(
  JSON.stringify({
    requests: result.requests.total,
    rps: result.requests.total / result.duration,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  }),
);
