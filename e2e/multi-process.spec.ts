import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { e2eBaseUrl } from "../playwright.config";

// `npm start`'s server with two workers over one database, started here from the build the e2e
// run made (its own DATA_DIR and port, next to the e2e server's). No browser: plain HTTP.

const port = Number(new URL(e2eBaseUrl).port) + 2;
const base = `http://127.0.0.1:${port}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "zhizu-multi-"));
let server: ChildProcess;

/** The server's worker processes (children of the primary). */
function workerPids(): number[] {
  const children = fs.readFileSync(`/proc/${server.pid}/task/${server.pid}/children`, "utf8");
  return children.trim().split(" ").filter(Boolean).map(Number);
}

function cpuTicks(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return Number(fields[11]) + Number(fields[12]);
}

async function until(condition: () => Promise<boolean> | boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (
      await Promise.resolve()
        .then(condition)
        .catch(() => false)
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`not reached in ${timeoutMs} ms`);
}

interface Envelope {
  status: number;
  msg: string;
  ans: Record<string, unknown>;
}

/** Sign-in by openid (sandbox), as a client behind the one trusted proxy at `address`. */
async function signIn(openid: string, address: string, extra: Record<string, string> = {}) {
  const response = await fetch(`${base}/api/wx_fetch_userinfo?openid=${openid}`, {
    // A new connection each time, so cluster's round robin spreads requests over the workers.
    headers: { "x-forwarded-for": address, connection: "close", ...extra },
  });
  return (await response.json()) as Envelope;
}

test.describe("npm start with two workers", () => {
  test.describe.configure({ mode: "serial" });
  test.setTimeout(120_000);

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    server = spawn(
      process.execPath,
      [
        "--import",
        "./scripts/plain-node.mjs",
        "--import",
        "tsx",
        "scripts/server.ts",
        "-p",
        String(port),
        "-H",
        "127.0.0.1",
      ],
      {
        env: {
          ...process.env,
          NODE_ENV: "production",
          NEXT_TELEMETRY_DISABLED: "1",
          NEXT_DIST_DIR: process.env.E2E_DIST_DIR ?? ".next-e2e",
          DATA_DIR: dataDir,
          APP_MODE: "sandbox",
          APP_URL: base,
          WEB_CONCURRENCY: "2",
          // The tests play the proxy: the last X-Forwarded-For entry is the client.
          TRUST_PROXY_HOPS: "1",
          LOG_LEVEL: "warn",
        },
        stdio: ["ignore", "ignore", "inherit"],
      },
    );
    await until(async () => (await fetch(`${base}/api/health`)).ok, 150_000);
    await until(() => workerPids().length === 2, 30_000);
  });

  test.afterAll(async () => {
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test("concurrent writes through both workers: all acknowledged, all present", async () => {
    const workers = workerPids();
    const ticksBefore = workers.map(cpuTicks);
    const run = `w${Date.now()}`;
    const answers: Envelope[] = [];
    // 16 clients at once, 160 sign-ins, each creating a user and a token.
    await Promise.all(
      Array.from({ length: 16 }, async (_, client) => {
        for (let i = 0; i < 10; i++) {
          answers.push(await signIn(`${run}-${client}-${i}`, `198.51.100.${client + 1}`));
        }
      }),
    );
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 0));
    // Both workers did part of the work.
    workers.forEach((pid, index) => {
      expect(cpuTicks(pid)).toBeGreaterThan(ticksBefore[index] ?? 0);
    });
    const database = new Database(path.join(dataDir, "zhizu.db"), { readonly: true });
    try {
      const stored = database
        .prepare("SELECT count(*) AS n FROM users WHERE wx_openid LIKE ?")
        .get(`${run}-%`) as { n: number };
      expect(stored.n).toBe(160);
    } finally {
      database.close();
    }
    // Every token a client was given works on whichever worker answers.
    for (const answer of answers.slice(0, 20)) {
      const profile = (await (
        await fetch(`${base}/api/fetch_userinfo`, {
          headers: { token: String(answer.ans.token), connection: "close" },
        })
      ).json()) as Envelope;
      expect(profile.status).toBe(0);
      expect(profile.ans.wx_openid).toBe(answer.ans.wx_openid);
    }
  });

  test("the login rate limit holds across workers, whatever the client adds", async () => {
    const address = "203.0.113.50";
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) statuses.push((await signIn(`limit-${i}`, address)).status);
    expect(statuses.filter((status) => status === 0)).toHaveLength(60);
    // A client-written X-Forwarded-For entry or address header changes nothing.
    const spoofed = await signIn("limit-x", `192.0.2.9, ${address}`, {
      "x-zhizu-client-ip": "192.0.2.10",
    });
    expect(spoofed.status).toBe(10);
    for (let i = 0; i < 5; i++) expect((await signIn(`limit-y${i}`, address)).status).toBe(10);
    expect((await signIn("limit-other", "203.0.113.51")).status).toBe(0);
  });

  test("the job loop runs in the primary only: one scheduler lease, never a worker's", async () => {
    const readClaims = () => {
      const database = new Database(path.join(dataDir, "zhizu.db"), { readonly: true });
      try {
        return database.prepare("SELECT step, holder FROM job_claims").all() as {
          step: string;
          holder: string;
        }[];
      } finally {
        database.close();
      }
    };
    // The primary ticks once at start, before forking: its lease is there by now.
    await until(() => readClaims().some((claim) => claim.step === "scheduler"), 10_000);
    const pidOf = (holder: string) => Number(holder.split(":").at(-2));
    const claims = readClaims();
    expect(claims.filter((claim) => claim.step === "scheduler")).toHaveLength(1);
    for (const claim of claims) expect(pidOf(claim.holder)).toBe(server.pid);
    for (const pid of workerPids())
      expect(claims.map((claim) => pidOf(claim.holder))).not.toContain(pid);
  });

  test("a worker killed under load is replaced while the other keeps answering", async () => {
    const [victim, survivor] = workerPids();
    let stop = false;
    let killedAt = 0;
    const okAfterKill: number[] = [];
    let failures = 0;
    const loops = Array.from({ length: 8 }, async () => {
      while (!stop) {
        try {
          // A connection the primary was handing to the killed worker is never answered.
          const response = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5000) });
          if (response.ok && killedAt) okAfterKill.push(Date.now() - killedAt);
        } catch {
          failures += 1; // a request the killed worker was holding
        }
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    process.kill(victim as number, "SIGKILL");
    killedAt = Date.now();
    await until(() => {
      const pids = workerPids();
      return pids.length === 2 && !pids.includes(victim as number);
    }, 30_000);
    const replacedAfter = Date.now() - killedAt;
    // The replacement is starting Next.js (seconds here): the load goes on meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    stop = true;
    await Promise.all(loops);

    expect(workerPids()).toContain(survivor);
    // Answers kept coming until the replacement was forked and while it started.
    expect(okAfterKill.filter((ms) => ms < replacedAfter).length).toBeGreaterThan(0);
    expect(okAfterKill.filter((ms) => ms >= replacedAfter).length).toBeGreaterThan(10);
    expect(failures).toBeLessThanOrEqual(16);
    expect((await fetch(`${base}/api/health`)).ok).toBe(true);
  });
});
