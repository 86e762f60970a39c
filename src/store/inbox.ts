// The vote inbox's hot path: one prepared INSERT straight through the database driver, next to Prisma. A vote is
// durable when this resolves, so the platform can be acknowledged; Prisma (several round trips, an interactive
// transaction) applies it right after. Why not Prisma here: its transaction and query overhead is the cost the
// inbox exists to keep off the acknowledgement.
import { createRequire } from "node:module";
import type { Pool } from "pg";
import { sqliteFilePath } from "./db.js";

/** Appends inbox rows; false when the key was there already (a platform retry, a double click). */
export interface InboxLog {
  /** Stores every row in one statement; resolves true when the first row's key was new. */
  append(rows: { key: string; payload: string }[]): Promise<boolean>;
  close(): Promise<void>;
}

interface SqliteStatement {
  run(...args: unknown[]): { changes: number };
}
interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  pragma(sql: string): unknown;
  close(): void;
}

const insertSql = (n: number, param: (i: number) => string) =>
  `INSERT INTO "InboxEvent" ("key", "payload") VALUES ${Array.from({ length: n }, (_, i) => `(${param(2 * i + 1)}, ${param(2 * i + 2)})`).join(", ")} ON CONFLICT ("key") DO NOTHING`;

const isBusy = (e: unknown) => typeof (e as { code?: unknown })?.code === "string" && String((e as { code: string }).code).startsWith("SQLITE_BUSY");

/**
 * SQLite: its own connection to the file (WAL), with no busy timeout: better-sqlite3 is synchronous, so waiting
 * inside SQLite for a write lock held by one of Prisma's open transactions in this same process would block the
 * event loop that transaction needs to finish. A busy append yields and tries again instead.
 */
function sqliteInbox(url: string): InboxLog {
  const require = createRequire(import.meta.url);
  const Database = require("better-sqlite3") as new (file: string) => SqliteDatabase;
  const db = new Database(sqliteFilePath(url));
  db.pragma("busy_timeout = 0");
  db.pragma("synchronous = NORMAL");
  const statements = new Map<number, SqliteStatement>();
  const statement = (n: number) => {
    let s = statements.get(n);
    if (!s) statements.set(n, (s = db.prepare(insertSql(n, () => "?"))));
    return s;
  };
  return {
    async append(rows) {
      const args = rows.flatMap((r) => [r.key, r.payload]);
      const started = Date.now();
      for (let attempt = 0; ; attempt++) {
        try {
          // One row per key; `changes` counts the new ones. Callers pass one key per delivery (or its parts).
          return statement(rows.length).run(...args).changes > 0;
        } catch (e) {
          if (!isBusy(e) || Date.now() - started > 10_000) throw e;
          await new Promise((r) => (attempt < 3 ? setImmediate(r) : setTimeout(r, Math.min(attempt, 10))));
        }
      }
    },
    async close() {
      db.close();
    },
  };
}

/** PostgreSQL: a small pool of its own, and a named (server-side prepared) statement per row count. */
async function postgresInbox(url: string): Promise<InboxLog> {
  const { default: pg } = await import("pg");
  const pool: Pool = new pg.Pool({ connectionString: url, max: 4 });
  return {
    async append(rows) {
      const res = await pool.query({ name: `inbox_append_${rows.length}`, text: insertSql(rows.length, (i) => `$${i}`), values: rows.flatMap((r) => [r.key, r.payload]) });
      return (res.rowCount ?? 0) > 0;
    },
    async close() {
      await pool.end();
    },
  };
}

/** Opens the inbox's own connection for a database URL. */
export async function openInboxLog(url: string, provider: "sqlite" | "postgresql"): Promise<InboxLog> {
  return provider === "sqlite" ? sqliteInbox(url) : postgresInbox(url);
}
