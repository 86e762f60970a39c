import { Prisma, type Db } from "./db.js";
import { openInboxLog, type InboxLog } from "./inbox.js";

/** A Prisma client bound to one open transaction. */
export type Tx = Prisma.TransactionClient;

/** Database access for use cases: every change and its audit entry go through one `transaction`. */
export interface Store {
  readonly db: Db;
  readonly provider: "sqlite" | "postgresql";
  /** Runs `fn` in one transaction, retrying the whole of it when the database reports a write conflict. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Records an event key; false when it was seen before (a platform retry or a double click). */
  firstTime(key: string): Promise<boolean>;
  /** Forgets an event key, so a request that failed validation can be sent again. */
  forget(key: string): Promise<void>;
  /** The vote inbox's one-statement append (its own driver connection, opened on first use). */
  readonly inbox: InboxLog;
  close(): Promise<void>;
}

// P2034: serialization failure or deadlock. P2002 inside a transaction here only comes from two writers racing
// to create the same row (e.g. one member's double click); the retry then finds the row and updates it.
const RETRYABLE = new Set(["P2034", "P2002"]);

/** Thrown inside a transaction when a compare-and-set found the row changed; the whole transaction is retried on fresh state. */
export class StaleRead extends Error {
  constructor() {
    super("row changed while the transaction ran");
    this.name = "StaleRead";
  }
}

/** True when the error is a Prisma error with one of `codes`. */
export function isPrismaError(e: unknown, ...codes: string[]): e is Prisma.PrismaClientKnownRequestError {
  return e instanceof Prisma.PrismaClientKnownRequestError && codes.includes(e.code);
}

// SQLite answers "busy" when a transaction that read first wants to write after another connection (the inbox's
// append) committed: the transaction's snapshot is stale and only starting over helps (the adapter reports it as a
// socket timeout, P1008, or as a driver error naming SQLITE_BUSY).
function isSqliteBusy(e: unknown): boolean {
  return isPrismaError(e, "P1008") || (e instanceof Error && /SQLITE_BUSY|SocketTimeout|database is locked/.test(e.message));
}

/** Wraps a Prisma client in the Store interface; `url` is where the inbox opens its own connection. */
export function createStore(db: Db, provider: "sqlite" | "postgresql", url?: string): Store {
  let log: Promise<InboxLog> | null = null;
  const inboxLog = () => {
    if (!url) throw new Error("the store was created without its database URL, so the vote inbox cannot open");
    return (log ??= openInboxLog(url, provider));
  };
  return {
    db,
    provider,
    inbox: {
      append: async (rows) => (await inboxLog()).append(rows),
      close: async () => {
        if (log) await (await log).close();
      },
    },
    async transaction(fn) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await db.$transaction((tx) => fn(tx), { maxWait: 10_000, timeout: 20_000 });
        } catch (e) {
          const busy = provider === "sqlite" && isSqliteBusy(e);
          if (attempt >= (busy ? 50 : 8) || !(e instanceof StaleRead || busy || isPrismaError(e, ...RETRYABLE))) throw e;
          // Jittered back-off so racing writers do not collide again in lockstep.
          await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
        }
      }
    },
    async firstTime(key) {
      try {
        await db.processedEvent.create({ data: { key } });
        return true;
      } catch (e) {
        if (isPrismaError(e, "P2002")) return false;
        throw e;
      }
    },
    async forget(key) {
      await db.processedEvent.deleteMany({ where: { key } });
    },
    async close() {
      if (log) await (await log).close();
      await db.$disconnect();
    },
  };
}
