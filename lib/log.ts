import "server-only";
import { DrizzleQueryError } from "drizzle-orm";
import { env } from "@/lib/env";

// One JSON line per event. Callers pass identifiers and outcomes, never request parameters,
// tokens or personal data (the legacy service logged all of them).

type Level = "debug" | "info" | "warn" | "error";
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function write(level: Level, event: string, fields: Record<string, unknown>): void {
  if (order[level] < order[env().LOG_LEVEL]) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...fields });
  if (level === "error" || level === "warn") console.error(line);
  else console.info(line);
}

export const log = {
  debug: (event: string, fields: Record<string, unknown> = {}) => write("debug", event, fields),
  info: (event: string, fields: Record<string, unknown> = {}) => write("info", event, fields),
  warn: (event: string, fields: Record<string, unknown> = {}) => write("warn", event, fields),
  error: (event: string, fields: Record<string, unknown> = {}) => write("error", event, fields),
};

export function describeError(error: unknown): Record<string, unknown> {
  // Drizzle's wrapper names the statement and its values (a phone number, a name): the log keeps
  // the statement and the database's reason, never the values.
  if (error instanceof DrizzleQueryError)
    return { ...describeError(error.cause ?? "database error"), query: error.query };
  if (error instanceof Error)
    return { error: error.name, message: error.message, stack: error.stack };
  return { error: String(error) };
}
