import http from "node:http";
import type { AddressInfo } from "node:net";
import { db } from "@/db";
import { HouseStatus, houses } from "@/db/schema";

// Test-only: serves route handlers over real HTTP on 127.0.0.1 so alipay-sdk (urllib) and the
// sandbox's notify delivery exercise their real network code paths without leaving the machine.

type Handler = (request: Request) => Promise<Response>;

export async function serveRoutes(
  routes: Record<string, Handler>,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
      // "/prefix/*" serves every path under the prefix (catch-all routes).
      const handler =
        routes[url.pathname] ??
        Object.entries(routes).find(
          ([key]) => key.endsWith("/*") && url.pathname.startsWith(key.slice(0, -1)),
        )?.[1];
      if (!handler) {
        res.writeHead(404).end("no route");
        return;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = new Headers();
      for (const [key, value] of Object.entries(req.headers))
        if (typeof value === "string") headers.set(key, value);
      const method = req.method ?? "GET";
      const request = new Request(url, {
        method,
        headers,
        body: method === "GET" || method === "HEAD" ? undefined : Buffer.concat(chunks),
      });
      const response = await handler(request);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export async function insertHouse(userId: number, status: number = HouseStatus.published) {
  const [house] = await db()
    .insert(houses)
    .values({
      userId,
      status,
      descriptionTitle: "朝阳门两居室",
      districtName: "朝阳门小区",
      houseRent: 5200,
    })
    .returning();
  if (!house) throw new Error("house insert failed");
  return house;
}

/**
 * The message a failed statement carries from SQLite (e.g. a trigger's RAISE): drizzle wraps
 * some driver errors in a DrizzleQueryError whose cause holds it, depending on the driver.
 */
export async function sqliteRefusal(statement: () => Promise<unknown>): Promise<string> {
  try {
    await statement();
  } catch (error) {
    const cause = (error as Error).cause;
    return cause instanceof Error ? cause.message : (error as Error).message;
  }
  throw new Error("the statement was not refused");
}
