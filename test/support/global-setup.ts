// Migrates one template database per provider before any test runs; each test then copies it (SQLite: a file
// copy; PostgreSQL: CREATE DATABASE … TEMPLATE), which takes milliseconds instead of a CLI run per test.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { createSilentLogger } from "../../src/logger.js";
import { migrateIfNeeded } from "../../src/store/migrate.js";

declare module "vitest" {
  export interface ProvidedContext {
    sqliteTemplate: string;
    /** Admin URL of the test PostgreSQL server and the migrated template database, or "" when none answers. */
    pgAdminUrl: string;
    pgTemplate: string;
    pgSkipReason: string;
  }
}

function withDatabase(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const logger = createSilentLogger();
  const dir = mkdtempSync(join(tmpdir(), "sc-test-"));
  const sqliteTemplate = join(dir, "template.db");
  await migrateIfNeeded({ url: `file:${sqliteTemplate}`, logger });
  project.provide("sqliteTemplate", sqliteTemplate);

  const adminUrl = process.env.TEST_DATABASE_URL ?? "";
  let pgTemplate = "";
  let skip = "";
  if (!adminUrl) skip = "TEST_DATABASE_URL is not set";
  else {
    const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
    try {
      await admin.connect();
      pgTemplate = `sc_test_template_${process.pid}`;
      await admin.query(`DROP DATABASE IF EXISTS ${pgTemplate} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${pgTemplate}`);
      await migrateIfNeeded({ url: withDatabase(adminUrl, pgTemplate), logger });
    } catch (e) {
      skip = `PostgreSQL at TEST_DATABASE_URL did not answer (${e instanceof Error ? e.message : String(e)})`;
      pgTemplate = "";
    } finally {
      await admin.end().catch(() => undefined);
    }
  }
  if (skip) process.stdout.write(`\n  SKIPPED: PostgreSQL suites — ${skip}. Set TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres to run them.\n\n`);
  project.provide("pgAdminUrl", skip ? "" : adminUrl);
  project.provide("pgTemplate", pgTemplate);
  project.provide("pgSkipReason", skip);

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (pgTemplate) {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${pgTemplate} WITH (FORCE)`);
      await admin.end();
    }
  };
}
