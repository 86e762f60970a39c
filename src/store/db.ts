// Runtime database factory: one Prisma client type for both providers.
// Both generated clients come from the same models, so the code is typed once against the SQLite client
// (the common subset of the two) and a PostgreSQL client is handed out under that type. Provider-specific
// query shapes (e.g. Json path filters, `mode: "insensitive"`) must be branched on databaseProvider().
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { PrismaClient as SqliteClient, Prisma } from "../generated/sqlite/client.js";

/** The Prisma client the app uses, whichever provider is behind it. */
export type Db = SqliteClient;
/** Prisma namespace (error classes, DbNull, input types); `instanceof` checks work for both providers' clients. */
export { Prisma };
export * from "../generated/sqlite/enums.js";

/** The database used when DATABASE_URL is not set: a SQLite file under ./data (relative to the working directory). */
export const DEFAULT_DATABASE_URL = "file:./data/sistercities.db";

/** True for postgres:// and postgresql:// URLs. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

/** Which migrations/client a URL needs; throws if it is neither a Postgres URL nor a SQLite `file:` URL. */
export function databaseProvider(url: string): "sqlite" | "postgresql" {
  if (isPostgresUrl(url)) return "postgresql";
  sqliteFilePath(url); // validates
  return "sqlite";
}

/**
 * The absolute file path of a SQLite `file:` URL (or ":memory:"); relative paths resolve against the working
 * directory, as better-sqlite3 does. Throws a DATABASE_URL error for anything else.
 */
export function sqliteFilePath(url: string): string {
  if (!url.startsWith("file:")) {
    // Show the scheme only: the rest of a URL may hold a password.
    const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0] ?? "(no scheme)";
    throw new Error(
      `DATABASE_URL must be a SQLite file: URL (e.g. ${DEFAULT_DATABASE_URL}) or a postgres:// / postgresql:// URL; got one starting with ${scheme}`,
    );
  }
  const path = url.slice("file:".length);
  if (path === ":memory:") return path;
  if (path === "" || path.includes("?")) {
    // The adapter would use the text verbatim as a file name (no query parameters, unlike Prisma's native engine).
    throw new Error(`DATABASE_URL "${url}" is not a usable SQLite file path (expected e.g. ${DEFAULT_DATABASE_URL}, no ?parameters)`);
  }
  return resolve(path);
}

/** Creates a connected-on-demand Prisma client for a SQLite `file:` URL or a PostgreSQL URL. */
export async function createDb(url: string = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL): Promise<Db> {
  if (isPostgresUrl(url)) {
    // Loaded lazily so a SQLite deployment never loads pg or the second client (and vice versa).
    const [{ PrismaClient }, { PrismaPg }] = await Promise.all([
      import("../generated/postgres/client.js"),
      import("@prisma/adapter-pg"),
    ]);
    // Same models, different provider: structurally the common subset of the SQLite client's API.
    return new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as Db;
  }
  const file = sqliteFilePath(url);
  // better-sqlite3 creates the file but not its folder (and then fails with an opaque "External error id#0").
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
  const client = new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: `file:${file}` }) });
  // WAL: readers do not block the writer and a commit needs no fsync of the whole journal; NORMAL sync in WAL mode
  // still survives a process crash (only an OS crash can lose the last commits). busy_timeout lets a second process
  // (a CLI export, a second replica on the same file) wait for the lock instead of failing.
  if (file !== ":memory:") await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await client.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  await client.$executeRawUnsafe("PRAGMA busy_timeout = 5000");
  return client;
}
