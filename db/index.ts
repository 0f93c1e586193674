import fs from "node:fs";
import path from "node:path";
import { type Client, createClient } from "@libsql/client";
import Database from "better-sqlite3";
import { drizzle as drizzleBetterSqlite } from "drizzle-orm/better-sqlite3";
import { migrate as migrateBetterSqlite } from "drizzle-orm/better-sqlite3/migrator";
import { drizzle as drizzleLibsql, type LibSQLDatabase } from "drizzle-orm/libsql";
import { migrate as migrateLibsql } from "drizzle-orm/libsql/migrator";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import { env, isServerUrl } from "@/lib/env";
import * as schema from "./schema";

/**
 * What a write statement's `.run()` resolves to: better-sqlite3's RunResult or libSQL's ResultSet.
 * Read the number of rows it changed with `changedRows`.
 */
export type WriteResult = { changes: number } | { rowsAffected: number };

/**
 * The database as every caller sees it, whatever the driver: drizzle's asynchronous SQLite API.
 * On better-sqlite3 the same queries run synchronously and `await` returns their value at once, so
 * code written against this type runs on both drivers, and a missing `await` is a type error.
 */
export type AppDatabase = BaseSQLiteDatabase<"async", WriteResult, typeof schema>;

export type DatabaseDriver = "better-sqlite3" | "libsql";

export function changedRows(result: WriteResult): number {
  return "changes" in result ? result.changes : result.rowsAffected;
}

const migrationsFolder = path.join(process.cwd(), "db", "migrations");

/** The local database file: DATABASE_URL's file: path, else zhizu.db under DATA_DIR. */
export function databasePath(): string {
  const url = env().DATABASE_URL;
  if (url?.startsWith("file:")) return path.resolve(url.slice("file:".length));
  return path.join(env().DATA_DIR, "zhizu.db");
}

/** better-sqlite3 for a local file unless DATABASE_DRIVER=libsql; libSQL for a server. */
export function databaseDriver(): DatabaseDriver {
  const settings = env();
  if (settings.DATABASE_SYNC_URL || isServerUrl(settings.DATABASE_URL)) return "libsql";
  return settings.DATABASE_DRIVER ?? "better-sqlite3";
}

/** Opens a better-sqlite3 connection to the local file with the settings every connection needs. */
export function openSqliteFile(file: string): Database.Database {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("synchronous = NORMAL");
  return sqlite;
}

type Connection =
  | { driver: "better-sqlite3"; database: AppDatabase; sqlite: Database.Database }
  | { driver: "libsql"; database: AppDatabase; client: Client; migrated: Promise<void> };

function openBetterSqlite(): Connection {
  const sqlite = openSqliteFile(databasePath());
  // A larger page cache and memory-mapped reads keep search fast at a million listings.
  sqlite.pragma("cache_size = -65536");
  sqlite.pragma("mmap_size = 268435456");
  const database = drizzleBetterSqlite(sqlite, { schema });
  migrateBetterSqlite(database, { migrationsFolder });
  return { driver: "better-sqlite3", database: database as unknown as AppDatabase, sqlite };
}

/** The libSQL client for the configured mode, and whether its database is a local file. */
function libsqlClient(): { client: Client; localFile: boolean } {
  const settings = env();
  const authToken = settings.DATABASE_AUTH_TOKEN;
  if (isServerUrl(settings.DATABASE_URL))
    return {
      client: createClient({ url: settings.DATABASE_URL as string, authToken }),
      localFile: false,
    };
  fs.mkdirSync(path.dirname(databasePath()), { recursive: true });
  const url = `file:${databasePath()}`;
  if (!settings.DATABASE_SYNC_URL)
    return { client: createClient({ url, timeout: 5000 }), localFile: true };
  // An embedded replica: reads from the local file, writes go to the primary, and the writer
  // reads its own writes at once.
  const client = createClient({
    url,
    syncUrl: settings.DATABASE_SYNC_URL,
    authToken,
    syncInterval: settings.DATABASE_SYNC_INTERVAL_SECONDS,
    readYourWrites: true,
  });
  return { client, localFile: false };
}

/** The client's methods that run SQL: each waits until the migrations are applied. */
const SQL_METHODS = new Set<PropertyKey>([
  "execute",
  "batch",
  "migrate",
  "transaction",
  "executeMultiple",
]);

function openLibsql(): Connection {
  const { client, localFile } = libsqlClient();
  const migrated = (async () => {
    if (localFile) await client.execute("PRAGMA journal_mode = WAL");
    await migrateLibsql(drizzleLibsql(client, { schema }), { migrationsFolder });
  })();
  // Opening stays synchronous, as with better-sqlite3: the first statement waits for the migrations.
  const gated = new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (!SQL_METHODS.has(property) || typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        await migrated;
        return value.apply(target, args);
      };
    },
  });
  const database: LibSQLDatabase<typeof schema> = drizzleLibsql(gated, { schema });
  return {
    driver: "libsql",
    database: database as unknown as AppDatabase,
    client: gated,
    migrated,
  };
}

// One connection per process, kept on globalThis so `next dev` reloads do not reopen the file.
const holder = globalThis as unknown as { zhizuConnection?: Connection };

function connection(): Connection {
  holder.zhizuConnection ??= databaseDriver() === "libsql" ? openLibsql() : openBetterSqlite();
  return holder.zhizuConnection;
}

export function db(): AppDatabase {
  return connection().database;
}

/** Resolves once the migrations are applied (better-sqlite3 applies them when it opens). */
export async function migrateDatabase(): Promise<void> {
  const current = connection();
  if (current.driver === "libsql") await current.migrated;
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

type SqlValue = string | number | bigint | null | Uint8Array;
/** Positional values (`?`) or named ones (`@name`), never both in one statement. */
type SqlParameters = SqlValue[] | Record<string, SqlValue>;

export interface RawStatement<Row> {
  all(parameters?: SqlParameters): Promise<Row[]>;
  get(parameters?: SqlParameters): Promise<Row | undefined>;
}

/** better-sqlite3 statements compiled once per connection, at most this many shapes kept. */
const MAX_CACHED_STATEMENTS = 500;
const compiled = new WeakMap<Database.Database, Map<string, Database.Statement>>();

function compiledStatement(sqlite: Database.Database, sqlText: string): Database.Statement {
  let statements = compiled.get(sqlite);
  if (!statements) {
    statements = new Map();
    compiled.set(sqlite, statements);
  }
  let statement = statements.get(sqlText);
  if (!statement) {
    if (statements.size >= MAX_CACHED_STATEMENTS) statements.clear();
    statement = sqlite.prepare(sqlText);
    statements.set(sqlText, statement);
  }
  return statement;
}

/**
 * A hand-written read (R*Tree, FTS5, json_each plans drizzle cannot express) that runs on either
 * driver: compiled once and reused on better-sqlite3, sent with its values on libSQL (whose client
 * caches statements itself). Rows come back as plain objects keyed by column name.
 */
export function rawStatement<Row>(sqlText: string): RawStatement<Row> {
  const onLibsql = async (client: Client, parameters: SqlParameters): Promise<Row[]> => {
    const result = await client.execute({ sql: sqlText, args: parameters });
    return result.rows.map(
      (row) =>
        Object.fromEntries(result.columns.map((column, index) => [column, row[index]])) as Row,
    );
  };
  return {
    async all(parameters = []) {
      const current = connection();
      if (current.driver === "libsql") return onLibsql(current.client, parameters);
      return compiledStatement(current.sqlite, sqlText).all(parameters) as Row[];
    },
    async get(parameters = []) {
      const current = connection();
      if (current.driver === "libsql") return (await onLibsql(current.client, parameters))[0];
      return compiledStatement(current.sqlite, sqlText).get(parameters) as Row | undefined;
    },
  };
}
