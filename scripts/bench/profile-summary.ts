// tsx scripts/bench/profile-summary.ts DIR [--top=30] [--match=text]
// Summarises the V8 CPU profiles (`node --cpu-prof`, e.g. `npm run bench -- --cpu-prof=DIR`) of
// the busiest process in DIR: self time by function and by where the code comes from (a package
// under node_modules, Next's compiled runtime, the app's own chunks, Node's internals, GC), and
// the inclusive time of every function whose name or file contains --match.
import fs from "node:fs";
import path from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const [dir, ...rest] = process.argv.slice(2);
if (!dir) throw new Error("usage: profile-summary.ts DIR [--top=30] [--match=text]");
const flags = Object.fromEntries(rest.map((arg) => arg.replace(/^--/, "").split("=")));
const top = Number(flags.top ?? 30);
const matches = (flags.match as string | undefined)?.split(",");

/** Self time per node id, in ms. */
function selfTimes(profile: Profile): Map<number, number> {
  const self = new Map<number, number>();
  profile.samples.forEach((id, index) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
  });
  return self;
}

const files = fs.readdirSync(dir).filter((name) => name.endsWith(".cpuprofile"));
const profiles = files.map((name) => ({
  name,
  profile: JSON.parse(fs.readFileSync(path.join(dir, name), "utf8")) as Profile,
}));
// The busiest process: the one with the fewest idle samples relative to its length.
const busiest = profiles
  .map(({ name, profile }) => {
    const self = selfTimes(profile);
    const idle = profile.nodes
      .filter((node) => node.callFrame.functionName === "(idle)")
      .reduce((sum, node) => sum + (self.get(node.id) ?? 0), 0);
    const total = [...self.values()].reduce((sum, ms) => sum + ms, 0);
    return { name, profile, self, busy: total - idle };
  })
  .sort((a, b) => b.busy - a.busy)[0];
if (!busiest) throw new Error(`no .cpuprofile in ${dir}`);
const { profile, self, busy } = busiest;

function origin(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  const module = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (module) {
    const name = module[1] ?? "";
    if (name === "next")
      return /compiled\/([^/]+)/.exec(url)?.[1]
        ? `next/compiled/${/compiled\/([^/]+)/.exec(url)?.[1]}`
        : "next";
    return name;
  }
  if (url.startsWith("node:")) return "node internals";
  if (url.includes("/server/chunks/") || url.includes("/server/app/")) return "app chunks";
  return path.relative(process.cwd(), url.replace(/^file:\/\//, ""));
}

const byFunction = new Map<string, number>();
const byOrigin = new Map<string, number>();
for (const node of profile.nodes) {
  const ms = self.get(node.id) ?? 0;
  if (!ms || node.callFrame.functionName === "(idle)") continue;
  const { functionName, url, lineNumber } = node.callFrame;
  const where = origin(url, functionName);
  const key = `${functionName || "(anonymous)"} ${where}${url ? `:${lineNumber + 1}` : ""}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
  byOrigin.set(where, (byOrigin.get(where) ?? 0) + ms);
}

const print = (line: string) => process.stdout.write(`${line}\n`);
const share = (ms: number) => `${((ms / busy) * 100).toFixed(1)}%`;
const table = (title: string, entries: Map<string, number>) => {
  print(`\n${title}\n`);
  for (const [key, ms] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, top))
    print(`${share(ms).padStart(6)}  ${ms.toFixed(0).padStart(6)} ms  ${key}`);
};
print(
  `${busiest.name}: ${(busy / 1000).toFixed(1)} s busy of ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s`,
);
table("Self time by origin:", byOrigin);
table("Self time by function:", byFunction);

if (matches) {
  // Inclusive time: a node's own time plus its descendants', each counted once per key even
  // when the function recurses.
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const inclusive = new Map<string, number>();
  const root = profile.nodes[0];
  const visit = (node: ProfileNode, open: Set<string>): number => {
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || "(anonymous)"} ${origin(url, functionName)}:${lineNumber + 1}`;
    const counted =
      matches.some((m) => functionName.includes(m) || url.includes(m)) && !open.has(key);
    if (counted) open.add(key);
    let total = self.get(node.id) ?? 0;
    for (const child of node.children ?? []) {
      const next = nodes.get(child);
      if (next) total += visit(next, open);
    }
    if (counted) {
      open.delete(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + total);
    }
    return total;
  };
  if (root) visit(root, new Set());
  table(`Inclusive time of functions matching "${matches.join(", ")}":`, inclusive);
}
