// Driver adapters for the Prisma CLI only (loaded by prisma.config.ts); the app uses the stock adapters (src/store/db.ts).
// Prisma 6.19.3 runs the schema engine as WebAssembly through these adapters ("engine: js"), which is the only
// way to migrate on an offline machine. The stock 6.19.3 adapters have five bugs on that path; each fix below is
// numbered (Fix 1–5) and says what it works around. Re-check every fix when upgrading Prisma.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// The adapter classes are not exported, so name them through the factories' return types.
type PgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;
type SqliteAdapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type LooseFn = (...args: unknown[]) => unknown;

const PG_CHAR = 18; // the internal one-byte `"char"` type (pg_class.relkind, pg_type.typtype, …)
const PG_NAME = 19; // `name`, used for every identifier column in the catalogs
const PG_TEXT = 25;

// Fix 1: adapter-pg refuses to deserialize columns of type `name`/`"char"`, which the schema engine reads from
// pg_catalog (deploy: "Column type 'name' could not be deserialized"). Both arrive as plain text on the wire,
// so relabelling them as `text` before the adapter looks at the field list is lossless.
function relabelCatalogColumns(result: unknown): void {
  // A multi-statement simple query (see fix 2) yields an array of results.
  for (const item of Array.isArray(result) ? result : [result]) {
    const fields = (item as Partial<pg.QueryResult> | null | undefined)?.fields;
    for (const field of fields ?? []) {
      if (field.dataTypeID === PG_CHAR || field.dataTypeID === PG_NAME) field.dataTypeID = PG_TEXT;
    }
  }
}

/** pg.Client whose query results report catalog `name`/`"char"` columns as `text` (fix 1). */
class CatalogSafeClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    const query = (pg.Client.prototype.query as LooseFn).bind(this);
    // pg.Pool calls the callback form, a checked-out PoolClient the promise form: patch both.
    const patched: LooseFn = (...args) => {
      const last = args.at(-1);
      if (typeof last === "function") {
        const callback = last as (err: Error | null, result?: unknown) => void;
        args[args.length - 1] = (err: Error | null, result?: unknown) => {
          if (!err) relabelCatalogColumns(result);
          callback(err, result);
        };
        return query(...args);
      }
      const returned = query(...args);
      return returned instanceof Promise
        ? returned.then((result: unknown) => {
            relabelCatalogColumns(result);
            return result;
          })
        : returned; // a Submittable (cursor/stream): nothing the schema engine uses
    };
    this.query = patched as pg.Client["query"];
  }
}

// Fix 2: the stock executeScript splits the migration on ";" and runs the pieces one by one on pooled
// connections: not atomic, and `$$ … $$` function bodies break ("unterminated dollar-quoted string").
// Sending the whole script as one simple query is what the native engine does: Postgres runs it as one
// implicit transaction, so a failing migration leaves nothing behind.
function withAtomicScripts(adapter: PgAdapter): PgAdapter {
  adapter.executeScript = async (script: string): Promise<void> => {
    try {
      await adapter.underlyingDriver().query(script);
    } catch (error) {
      // onError is protected; element access is TypeScript's sanctioned escape hatch. It converts the pg error
      // into the DriverAdapterError the engine expects (so the CLI prints the Postgres message and code).
      adapter["onError"](error);
    }
  };
  return adapter;
}

// Fixes 1 + 2 for any connection the CLI opens (main database and shadow database).
function catalogSafePg(connectionString: string): PrismaPg {
  const factory = new PrismaPg({ connectionString, Client: CatalogSafeClient, allowExitOnIdle: true });
  const connect = factory.connect.bind(factory);
  factory.connect = async () => withAtomicScripts(await connect());
  return factory;
}

// Fix 3: the stock connectToShadowDb connects to the MAIN database (pg lets connectionString override
// `database`), so migrations get replayed into real data; it also drops the shadow while its pool is open.
// This version creates a real throw-away database and force-drops it after closing the shadow's pool.
async function connectToShadowDb(url: string): Promise<PgAdapter> {
  const shadowUrl = process.env.SHADOW_DATABASE_URL;
  if (shadowUrl) {
    // A pre-made shadow for servers where the role lacks CREATEDB. It is wiped on every use: never real data.
    const shadow = await catalogSafePg(shadowUrl).connect();
    await shadow.executeScript("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    return shadow;
  }

  const database = `prisma_migrate_shadow_db_${randomUUID()}`;
  // One connection is enough for CREATE/DROP DATABASE, which cannot run inside a transaction anyway.
  const admin = new pg.Pool({ connectionString: url, max: 1, allowExitOnIdle: true });
  try {
    await admin.query(`CREATE DATABASE "${database}"`);
  } catch (error) {
    await admin.end();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Cannot create a Postgres shadow database (the role needs CREATEDB, or set SHADOW_DATABASE_URL): ${reason}`);
  }

  const target = new URL(url);
  target.pathname = `/${database}`;
  const shadow = await catalogSafePg(target.href).connect();
  const dispose = shadow.dispose.bind(shadow);
  shadow.dispose = async () => {
    try {
      await dispose(); // close our own connections first …
    } finally {
      try {
        // … and FORCE the rest (e.g. an engine connection not yet released) so no shadow database is left over.
        await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    }
  };
  return shadow;
}

/** The Postgres adapter factory for prisma.config.ts (fixes 1–3). */
export function pgMigrationAdapter(url: string): PrismaPg {
  const factory = catalogSafePg(url);
  factory.connectToShadowDb = () => connectToShadowDb(url);
  return factory;
}

/** The SQLite adapter factory for prisma.config.ts (fixes 4–5); `url` is a `file:` URL. */
export function sqliteMigrationAdapter(url: string): PrismaBetterSQLite3 {
  // Fix 4: better-sqlite3 cannot create the folder, and the CLI then reports only "External error id#0".
  // The adapter resolves the path (url minus "file:") against the CLI's working directory; mkdir the same one.
  const file = url.replace(/^file:/, "");
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });

  const factory = new PrismaBetterSQLite3({ url });
  const connectShadow = factory.connectToShadowDb.bind(factory);
  // Fix 5: the in-memory shadow replays whole migration files through executeRaw, which prepares ONE
  // statement (P3006 "External error id#0"). A parameterless executeRaw is a script: run it with exec().
  factory.connectToShadowDb = async (): Promise<SqliteAdapter> => {
    const shadow = await connectShadow();
    const executeRaw = shadow.executeRaw.bind(shadow);
    shadow.executeRaw = async (query) => {
      if (query.args.length > 0) return executeRaw(query);
      await shadow.executeScript(query.sql);
      return 0; // the engine ignores the affected-row count of a replayed script
    };
    return shadow;
  };
  return factory;
}
