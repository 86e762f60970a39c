// Fresh, migrated databases for tests: every call gives a new one and a cleanup that removes it.
import { randomUUID } from "node:crypto";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { createDb } from "../../src/store/db.js";
import { createStore, type Store } from "../../src/store/store.js";

export type Provider = "sqlite" | "postgresql";

/** A migrated database with its URL; `drop()` disconnects and deletes it. */
export interface TestDatabase {
  url: string;
  store: Store;
  drop(): Promise<void>;
}

/** The providers to run a suite on: SQLite always, PostgreSQL when the global setup found one. */
export function providers(): Provider[] {
  return inject("pgTemplate") ? ["sqlite", "postgresql"] : ["sqlite"];
}

/** Says visibly, once per suite, that the PostgreSQL half is skipped and why. */
export function pgSkipNotice(): string | null {
  const reason = inject("pgSkipReason");
  return reason ? `PostgreSQL variant skipped: ${reason}` : null;
}

/** A migrated SQLite database copied from the template. */
export async function sqliteDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), "sc-db-"));
  const file = join(dir, "test.db");
  copyFileSync(inject("sqliteTemplate"), file);
  const url = `file:${file}`;
  const store = createStore(await createDb(url), "sqlite", url);
  return {
    url,
    store,
    async drop() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A migrated PostgreSQL database cloned from the template; dropped with FORCE afterwards. */
export async function postgresDatabase(): Promise<TestDatabase> {
  const adminUrl = inject("pgAdminUrl");
  const template = inject("pgTemplate");
  if (!adminUrl || !template) throw new Error("no PostgreSQL for tests");
  const name = `sc_test_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // The template may still be held for a moment by the connection that migrated it.
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
        break;
      } catch (e) {
        if (attempt >= 20 || !/being accessed by other users/.test(String(e))) throw e;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } finally {
    await admin.end();
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const store = createStore(await createDb(url), "postgresql", url);
  return {
    url,
    store,
    async drop() {
      await store.close();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** A fresh database of the given provider. */
export function testDatabase(provider: Provider): Promise<TestDatabase> {
  return provider === "sqlite" ? sqliteDatabase() : postgresDatabase();
}
