import { AsyncLocalStorage } from "node:async_hooks";
import Database from "better-sqlite3";
import { type BetterSQLite3Database, drizzle } from "drizzle-orm/better-sqlite3";
import { databasePath, db } from "./index";
import * as schema from "./schema";

/**
 * The one write path. Every change to the database goes through `writeTransaction`, so moving to
 * an asynchronous driver later changes this file, not its callers.
 *
 * On better-sqlite3 the work runs on a dedicated write connection, opened with BEGIN IMMEDIATE
 * (the write lock is taken up front, so a second process waits on busy_timeout instead of failing
 * with SQLITE_BUSY when it tries to upgrade a read), and serialised by an in-process async lock:
 * while one transaction awaits, no statement of another request can run on that connection and
 * join it. Readers use the main connection (`db()`) and, under WAL, see only committed data.
 * Because this process never holds the write lock while another of its transactions asks for it,
 * SQLite's synchronous busy-wait can only ever wait for another process, never for ourselves.
 */
export type WriteTx = BetterSQLite3Database<typeof schema>;

type WriteConnection = WriteTx & { $client: Database.Database };

const holder = globalThis as unknown as {
  zhizuWriteDb?: { file: string; connection: WriteConnection };
  zhizuWriteQueue?: Promise<void>;
};

function writeConnection(): WriteConnection {
  const file = databasePath();
  if (holder.zhizuWriteDb?.file !== file) {
    holder.zhizuWriteDb?.connection.$client.close();
    db(); // opens the main connection first, which applies the migrations
    const sqlite = new Database(file);
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("busy_timeout = 5000");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma("synchronous = NORMAL");
    holder.zhizuWriteDb = { file, connection: drizzle(sqlite, { schema }) };
  }
  return holder.zhizuWriteDb.connection;
}

const insideTransaction = new AsyncLocalStorage<true>();

/** Waits for the previous holder of the in-process write lock; resolves with the release. */
function acquireWriteLock(): Promise<() => void> {
  const previous = holder.zhizuWriteQueue ?? Promise.resolve();
  let release!: () => void;
  const current = new Promise<void>((resolve) => {
    release = resolve;
  });
  holder.zhizuWriteQueue = previous.then(() => current);
  return previous.then(() => release);
}

/**
 * Runs `work` in one write transaction: committed when it resolves, rolled back when it throws
 * (the error is rethrown). Nesting is refused: it would wait for the lock its caller holds.
 */
export async function writeTransaction<T>(work: (tx: WriteTx) => Promise<T> | T): Promise<T> {
  if (insideTransaction.getStore())
    throw new Error("writeTransaction called inside another write transaction");
  const release = await acquireWriteLock();
  try {
    const connection = writeConnection();
    const sqlite = connection.$client;
    sqlite.exec("BEGIN IMMEDIATE");
    try {
      const result = await insideTransaction.run(true, () => work(connection));
      sqlite.exec("COMMIT");
      return result;
    } catch (error) {
      if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
      throw error;
    }
  } finally {
    release();
  }
}
