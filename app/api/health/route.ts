import { sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { describedRoute } from "@/lib/api/described-route";
import { env } from "@/lib/env";

// GET /api/health – readiness: the database answers and migrations are applied.
export const GET = describedRoute(
  {
    auth: "none",
    answer: z.object({ ok: z.literal(true), mode: z.enum(["sandbox", "live"]) }),
  },
  async () => {
    try {
      await db().run(sql`select 1`);
      return Response.json(
        { status: 0, msg: "", ans: { ok: true, mode: env().APP_MODE } },
        { headers: { "cache-control": "no-store" } },
      );
    } catch {
      return Response.json(
        { status: 5, msg: "database unavailable", ans: { ok: false } },
        { status: 503 },
      );
    }
  },
);
