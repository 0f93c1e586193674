import { MockAgent, setGlobalDispatcher } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newPrivateKey, newPublicKey } from "@/lib/storage/keys";

// No internet here: undici's MockAgent stands in for the Blob API (put/delete at
// vercel.com/api/blob) and for the store hosts that get() reads from.
const TOKEN = "vercel_blob_rw_publicstore_secret1";
const PRIVATE_TOKEN = "vercel_blob_rw_privatestore_secret2";
process.env.BLOB_READ_WRITE_TOKEN = TOKEN;
process.env.BLOB_PRIVATE_READ_WRITE_TOKEN = PRIVATE_TOKEN;

const agent = new MockAgent();
agent.disableNetConnect();

interface Seen {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}
const seen: Seen[] = [];

function record(options: { method: string; path: string; headers?: unknown; body?: unknown }) {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries((options.headers ?? {}) as Record<string, string>))
    headers[name.toLowerCase()] = String(value);
  seen.push({
    method: options.method,
    path: options.path,
    headers,
    body: typeof options.body === "string" ? options.body : undefined,
  });
}

beforeAll(() => setGlobalDispatcher(agent));
afterAll(() => agent.close());

function mockApi() {
  const api = agent.get("https://vercel.com");
  api
    .intercept({ path: (path) => path.startsWith("/api/blob"), method: "PUT" })
    .reply((options) => {
      record(options);
      const pathname = new URL(`https://x${options.path}`).searchParams.get("pathname") ?? "";
      return {
        statusCode: 200,
        data: JSON.stringify({
          url: `https://store.blob.vercel-storage.com/${pathname}`,
          downloadUrl: "",
          pathname,
          contentType: "image/jpeg",
          contentDisposition: "inline",
          etag: "e",
        }),
        responseOptions: { headers: { "content-type": "application/json" } },
      };
    })
    .persist();
  api
    .intercept({ path: "/api/blob/delete", method: "POST" })
    .reply((options) => {
      record(options);
      return { statusCode: 200, data: "{}" };
    })
    .persist();
}

describe("Vercel Blob driver", () => {
  it("is selected when BLOB_READ_WRITE_TOKEN is set", async () => {
    const { storage } = await import("@/lib/storage");
    expect(storage().name).toBe("blob");
  });

  it("writes public keys with public access and private keys to the private store", async () => {
    mockApi();
    const { storage } = await import("@/lib/storage");
    const publicKey = newPublicKey("jpg");
    const privateKey = newPrivateKey(7, "jpg");
    await storage().put(publicKey, Buffer.from("public bytes"), "image/jpeg");
    await storage().put(privateKey, Buffer.from("private bytes"), "image/jpeg");
    const puts = seen.filter((request) => request.method === "PUT");
    expect(puts).toHaveLength(2);
    expect(puts[0]?.path).toContain(encodeURIComponent(publicKey));
    expect(puts[0]?.headers["x-vercel-blob-access"]).toBe("public");
    expect(puts[0]?.headers["x-add-random-suffix"]).toBe("0");
    expect(puts[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(puts[1]?.headers["x-vercel-blob-access"]).toBe("private");
    expect(puts[1]?.headers.authorization).toBe(`Bearer ${PRIVATE_TOKEN}`);

    await storage().delete(privateKey);
    const deletion = seen.find((request) => request.path === "/api/blob/delete");
    expect(deletion?.headers.authorization).toBe(`Bearer ${PRIVATE_TOKEN}`);
    expect(JSON.parse(deletion?.body ?? "{}")).toEqual({ urls: [privateKey] });
  });

  it("streams files back, with byte ranges, and answers null for a missing key", async () => {
    const { storage } = await import("@/lib/storage");
    const key = newPrivateKey(7, "mp4");
    const missing = newPrivateKey(7, "jpg");
    const store = agent.get("https://privatestore.private.blob.vercel-storage.com");
    store
      .intercept({ path: `/${key}`, method: "GET", headers: { range: "bytes=2-5" } })
      .reply(206, "2345", { headers: { "content-range": "bytes 2-5/10", "content-length": "4" } });
    store
      .intercept({ path: `/${key}`, method: "GET" })
      .reply(200, "0123456789", { headers: { "content-length": "10" } });
    store.intercept({ path: `/${missing}`, method: "GET" }).reply(404, "");

    const partial = await storage().get(key, { start: 2, end: 5 });
    expect(partial).toMatchObject({ size: 10, range: { start: 2, end: 5 } });
    expect(await new Response(partial?.body).text()).toBe("2345");

    const whole = await storage().get(key);
    expect(whole?.size).toBe(10);
    expect(await new Response(whole?.body).text()).toBe("0123456789");

    expect(await storage().get(missing)).toBeNull();

    // A range past the end (416) falls back to the whole file, as the local driver does.
    store
      .intercept({ path: `/${key}`, method: "GET", headers: { range: "bytes=50-" } })
      .reply(416, "");
    store
      .intercept({ path: `/${key}`, method: "GET" })
      .reply(200, "0123456789", { headers: { "content-length": "10" } });
    const beyond = await storage().get(key, { start: 50 });
    expect(beyond?.size).toBe(10);
    expect(beyond?.range).toBeUndefined();
    expect(await new Response(beyond?.body).text()).toBe("0123456789");
  });

  it("lists both stores for the leftovers cleanup, which deletes only old unreferenced blobs", async () => {
    mockApi();
    const { cleanupLeftovers } = await import("@/lib/storage/cleanup");
    const old = new Date(Date.now() - 2 * 60 * 60 * 1000).toISOString();
    const oldPublic = newPublicKey("jpg");
    const youngPublic = newPublicKey("jpg");
    const oldPrivate = newPrivateKey(3, "jpg");
    const listed = (pathname: string, uploadedAt: string) => ({
      url: `https://store.blob.vercel-storage.com/${pathname}`,
      downloadUrl: "",
      pathname,
      size: 1,
      uploadedAt,
      etag: "e",
    });
    const pages: Record<string, unknown> = {
      [`public/|${TOKEN}|`]: {
        blobs: [listed(oldPublic, old)],
        hasMore: true,
        cursor: "page2",
      },
      [`public/|${TOKEN}|page2`]: {
        blobs: [listed(youngPublic, new Date().toISOString())],
        hasMore: false,
      },
      [`private/|${PRIVATE_TOKEN}|`]: { blobs: [listed(oldPrivate, old)], hasMore: false },
    };
    agent
      .get("https://vercel.com")
      .intercept({ path: (path) => path.startsWith("/api/blob?"), method: "GET" })
      .reply((options) => {
        const query = new URL(`https://x${options.path}`).searchParams;
        const authorization = String(
          (options.headers as Record<string, string>).authorization ?? "",
        );
        const page = `${query.get("prefix")}|${authorization.replace("Bearer ", "")}|${query.get("cursor") ?? ""}`;
        return {
          statusCode: 200,
          data: JSON.stringify(pages[page] ?? { blobs: [], hasMore: false }),
          responseOptions: { headers: { "content-type": "application/json" } },
        };
      })
      .persist();
    seen.length = 0;

    const counts = await cleanupLeftovers({ now: new Date() });

    expect(counts).toMatchObject({ orphan_files: 2, failures: 0 });
    const deletions = seen
      .filter((request) => request.path === "/api/blob/delete")
      .map((request) => ({
        auth: request.headers.authorization,
        body: JSON.parse(request.body ?? "{}"),
      }));
    expect(deletions).toEqual([
      { auth: `Bearer ${TOKEN}`, body: { urls: [oldPublic] } },
      { auth: `Bearer ${PRIVATE_TOKEN}`, body: { urls: [oldPrivate] } },
    ]);
  });
});
