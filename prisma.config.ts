// Prisma CLI configuration. One config serves both providers: DATABASE_URL picks the schema, the migrations
// folder and the adapter. Default: the local SQLite file. Prisma 6.19.3 with `engine: "js"` runs the schema
// engine as WebAssembly through a driver adapter, so the CLI needs no downloaded engine binary (offline-safe).
// Note: a config file turns off the CLI's .env loading; pass DATABASE_URL in the environment.
import { defineConfig } from "prisma/config";
import { pgMigrationAdapter, sqliteMigrationAdapter } from "./prisma/cli-adapters.js";

// The wasm engine leaves a 10 s (pg deploy) / 60 s (sqlite migrate dev) timer running after its work is done,
// which keeps the CLI alive that long. Unref long timers so the process exits as soon as the work is.
const originalSetTimeout = globalThis.setTimeout;
const unrefLongTimers = (handler: (...args: unknown[]) => void, ms?: number, ...args: unknown[]): NodeJS.Timeout => {
  const timer = originalSetTimeout(handler, ms, ...args);
  if ((ms ?? 0) >= 10_000) timer.unref();
  return timer;
};
// Object.assign keeps setTimeout's util.promisify.custom hook, so promisify(setTimeout) still works.
globalThis.setTimeout = Object.assign(unrefLongTimers, originalSetTimeout) as typeof setTimeout;

const url = process.env.DATABASE_URL ?? "file:./data/sistercities.db";
const isPostgres = /^postgres(ql)?:\/\//.test(url);

/** Prisma CLI config: SQLite (default) or PostgreSQL, chosen by DATABASE_URL. */
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: isPostgres ? "prisma/schema.prisma" : "prisma/sqlite/schema.prisma",
  migrations: { path: isPostgres ? "prisma/migrations/postgres" : "prisma/migrations/sqlite" },
  // Checked here rather than at load time, so `prisma generate` works whatever DATABASE_URL holds.
  adapter: async () => {
    if (isPostgres) return pgMigrationAdapter(url);
    if (!url.startsWith("file:")) {
      throw new Error("DATABASE_URL must start with postgres://, postgresql:// or file: (SQLite), e.g. file:./data/sistercities.db");
    }
    return sqliteMigrationAdapter(url);
  },
});
