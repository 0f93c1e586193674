import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { env } from "@/lib/env";
import * as schema from "./schema";

export type AppDatabase = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const migrationsFolder = path.join(process.cwd(), "db", "migrations");

export function databasePath(): string {
  return path.join(env().DATA_DIR, "zhizu.db");
}

function openDatabase(file: string): AppDatabase {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("synchronous = NORMAL");
  // A larger page cache and memory-mapped reads keep search fast at a million listings.
  sqlite.pragma("cache_size = -65536");
  sqlite.pragma("mmap_size = 268435456");
  const database = drizzle(sqlite, { schema });
  migrate(database, { migrationsFolder });
  return database;
}

// One connection per process, kept on globalThis so `next dev` reloads do not reopen the file.
const holder = globalThis as unknown as { zhizuDb?: AppDatabase };

export function db(): AppDatabase {
  holder.zhizuDb ??= openDatabase(databasePath());
  return holder.zhizuDb;
}

/**
 * A query prepared once per connection (`build` returns drizzle's `.prepare()`), reused by every
 * call: for the small queries of an authenticated request, building the SQL and compiling the
 * statement each time cost several times more than running it.
 */
export function preparedQuery<Q>(build: (database: AppDatabase) => Q): () => Q {
  const byDatabase = new WeakMap<AppDatabase, Q>();
  return () => {
    const database = db();
    let query = byDatabase.get(database);
    if (query === undefined) {
      query = build(database);
      byDatabase.set(database, query);
    }
    return query;
  };
}
