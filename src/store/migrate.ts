// Applies pending migrations at startup. Every start pays only for a cheap check: the migration folder names
// are compared with the finished rows of `_prisma_migrations` through a plain driver query. Only when something
// is pending is the Prisma CLI (`prisma migrate deploy`, ~2 s) started, so the SQL that runs is exactly what the
// CLI and CI run, including its advisory locking on Postgres.
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { Logger } from "../logger.js";
import { databaseProvider, sqliteFilePath } from "./db.js";
import { findRepoRoot } from "../repo-root.js";

export { findRepoRoot } from "../repo-root.js";

/** Options for migrateIfNeeded. */
export interface MigrateOptions {
  /** DATABASE_URL of the database to bring up to date (SQLite `file:` or postgres://). */
  url: string;
  logger: Logger;
}

/** What migrateIfNeeded did: the migration folder names it applied (empty on the fast path). */
export interface MigrateResult {
  applied: string[];
}

const APPLIED_SQL =
  'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL';
const OUTPUT_TAIL_LINES = 40;


function localMigrations(migrationsDir: string): string[] {
  if (!existsSync(migrationsDir)) throw new Error(`migrations folder ${migrationsDir} is missing`);
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

function appliedSqlite(file: string): Set<string> {
  // A database file that does not exist yet is simply not migrated; don't create it here (deploy will).
  if (file !== ":memory:" && !existsSync(file)) return new Set();
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    if (!table) return new Set();
    const rows = db.prepare(APPLIED_SQL).all() as Array<{ migration_name: string }>;
    return new Set(rows.map((row) => row.migration_name));
  } finally {
    db.close();
  }
}

async function appliedPostgres(url: string, logger: Logger): Promise<Set<string>> {
  // Loaded here so an SQLite deployment never loads the PostgreSQL driver.
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ migration_name: string }>(APPLIED_SQL);
    return new Set(rows.map((row) => row.migration_name));
  } catch (error) {
    // 42P01 undefined_table: a database Prisma never migrated. One round trip instead of checking first.
    if ((error as { code?: unknown }).code === "42P01") return new Set();
    throw new Error(`cannot read the migration state from PostgreSQL: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    // Not awaited: waiting for the server to acknowledge the close would double the cost of the fast path.
    client.end().catch((error: unknown) => logger.debug({ err: error }, "closing the migration-check connection failed"));
  }
}

function runMigrateDeploy(root: string, url: string): Promise<void> {
  const prisma = join(root, "node_modules/.bin/prisma");
  return new Promise((resolve, reject) => {
    const child = spawn(prisma, ["migrate", "deploy"], {
      cwd: root,
      // NO_COLOR: the output tail ends up in a log line, where ANSI escapes are noise.
      env: { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: "1", PRISMA_HIDE_UPDATE_MESSAGE: "1", NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.on("error", (error) => reject(new Error(`cannot run ${prisma} (is the prisma package installed?): ${error.message}`)));
    child.on("close", (code, signal) => {
      if (code === 0) return resolve();
      const tail = Buffer.concat(chunks).toString("utf8").trimEnd().split("\n").slice(-OUTPUT_TAIL_LINES).join("\n");
      reject(new Error(`prisma migrate deploy failed (${signal ?? `exit ${code}`}):\n${tail}`));
    });
  });
}

/** Where a database stands against this build's migrations, without changing it. */
export interface MigrationState {
  /** Migration folders of this build that the database has not finished. */
  pending: string[];
  /** Migrations the database has finished that this build does not have (typically after a rollback). */
  unknown: string[];
}

function migrationSource(url: string, logger: Logger) {
  const provider = databaseProvider(url);
  const root = findRepoRoot();
  const local = localMigrations(join(root, "prisma/migrations", provider === "postgresql" ? "postgres" : "sqlite"));
  const readApplied = (): Promise<Set<string>> =>
    provider === "sqlite" ? Promise.resolve(appliedSqlite(sqliteFilePath(url))) : appliedPostgres(url, logger);
  return { provider, root, local, readApplied };
}

/**
 * Reads which migrations the database at `url` lacks, creating nothing (a missing SQLite file has every migration
 * pending). Throws when the database cannot be reached.
 */
export async function migrationState({ url, logger }: MigrateOptions): Promise<MigrationState> {
  const { local, readApplied } = migrationSource(url, logger);
  const applied = await readApplied();
  return { pending: local.filter((name) => !applied.has(name)), unknown: [...applied].filter((name) => !local.includes(name)) };
}

/** Brings the database at `url` up to date with prisma/migrations/<provider>/, doing nothing (in ms) when it is. */
export async function migrateIfNeeded({ url, logger }: MigrateOptions): Promise<MigrateResult> {
  const started = performance.now();
  const { provider, root, local, readApplied } = migrationSource(url, logger);

  // The CLI child runs in the repo root; give it an absolute SQLite path so it opens the same file as this process.
  const cliUrl = provider === "sqlite" ? `file:${sqliteFilePath(url)}` : url;

  const before = await readApplied();
  const pending = local.filter((name) => !before.has(name));
  const unknownHere = [...before].filter((name) => !local.includes(name));
  if (unknownHere.length > 0) {
    // Typically a rollback to an older build; deploy does not undo them either.
    logger.warn({ migrations: unknownHere }, "database has migrations this build does not know");
  }
  if (pending.length === 0) {
    logger.debug({ provider, migrations: local.length, ms: Math.round(performance.now() - started) }, "database schema up to date");
    return { applied: [] };
  }

  logger.info({ provider, pending }, "applying database migrations");
  await runMigrateDeploy(root, cliUrl);
  const after = await readApplied();
  const applied = pending.filter((name) => after.has(name));
  if (applied.length < pending.length) {
    // Deploy succeeded, yet a migration is not recorded as finished: surface it instead of starting on a half schema.
    throw new Error(`prisma migrate deploy left migrations unapplied: ${pending.filter((n) => !after.has(n)).join(", ")}`);
  }
  logger.info({ provider, applied, ms: Math.round(performance.now() - started) }, "database migrations applied");
  return { applied };
}
