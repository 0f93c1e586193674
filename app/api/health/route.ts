import { sql } from "drizzle-orm";
import { db } from "@/db";
import { env } from "@/lib/env";

// GET /api/health – readiness: the database answers and migrations are applied.
export async function GET() {
  try {
    await db().run(sql`select 1`);
    return Response.json(
      { status: 0, msg: "", ans: { ok: true, mode: env().APP_MODE } },
      {
        headers: { "cache-control": "no-store" },
      },
    );
  } catch {
    return Response.json(
      { status: 5, msg: "database unavailable", ans: { ok: false } },
      { status: 503 },
    );
  }
}
