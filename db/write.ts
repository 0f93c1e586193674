import { AsyncLocalStorage } from "node:async_hooks";
import type Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { type AppDatabase, databaseDriver, databasePath, db, openSqliteFile } from "./index";
import * as schema from "./schema";

/**
 * The one write path. Every change to the database goes through `writeTransaction`, the only
 * place where how a write runs depends on the driver (chosen in db/index.ts).
 *
 * On better-sqlite3 the work runs on a dedicated write connection, opened with BEGIN IMMEDIATE
 * (the write lock is taken up front, so a second process waits on busy_timeout instead of failing
 * with SQLITE_BUSY when it tries to upgrade a read), and serialised by an in-process async lock:
 * while one transaction awaits, no statement of another request can run on that connection and
 * join it. Readers use the main connection (`db()`) and, under WAL, see only committed data.
 * Because this process never holds the write lock while another of its transactions asks for it,
 * SQLite's synchronous busy-wait can only ever wait for another process, never for ourselves.
 *
 * On libSQL the work runs in the client's write transaction (BEGIN IMMEDIATE on a connection the
 * transaction owns, or an interactive transaction on the server). The same in-process lock keeps
 * one process from queueing transactions against itself; other processes and servers wait on the
 * database's own lock.
 */
export type WriteTx = AppDatabase;

const holder = globalThis as unknown as {
  zhizuWriteDb?: { file: string; sqlite: Database.Database; connection: WriteTx };
  zhizuWriteQueue?: Promise<void>;
};

function writeConnection(): { sqlite: Database.Database; connection: WriteTx } {
  const file = databasePath();
  if (holder.zhizuWriteDb?.file !== file) {
    holder.zhizuWriteDb?.sqlite.close();
    db(); // opens the main connection first, which applies the migrations
    const sqlite = openSqliteFile(file);
    const connection = drizzle(sqlite, { schema }) as unknown as WriteTx;
    holder.zhizuWriteDb = { file, sqlite, connection };
  }
  return holder.zhizuWriteDb;
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
    if (databaseDriver() === "libsql")
      return await insideTransaction.run(true, () => db().transaction(async (tx) => work(tx)));
    const { sqlite, connection } = writeConnection();
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
