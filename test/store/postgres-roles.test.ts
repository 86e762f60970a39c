// Two PostgreSQL roles: the owner migrates, the runtime role (the bot) may only read and append to the audit log.
// The test makes its own database and roles with unique names and drops them afterwards.
import { randomUUID } from "node:crypto";
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startBot, type Bot } from "../../src/bot.js";
import { submitApplication } from "../../src/app/submit-application.js";
import { loadConfig } from "../../src/config/index.js";
import { createSilentLogger } from "../../src/logger.js";
import { grantRuntimeRole } from "../../src/store/roles.js";
import { answersFromForm } from "../../src/views/application-form.js";
import { applicant, sopot, testPolicy } from "../support/fixtures.js";

const adminUrl = inject("pgAdminUrl");
const suffix = randomUUID().replace(/-/g, "").slice(0, 12);
const names = { db: `sc_roles_${suffix}`, owner: `sc_owner_${suffix}`, runtime: `sc_app_${suffix}` };

function urlFor(user: string): string {
  const u = new URL(adminUrl);
  u.username = user;
  u.password = "";
  u.pathname = `/${names.db}`;
  return u.toString();
}

async function asRole(user: string, fn: (c: pg.Client) => Promise<void>): Promise<void> {
  const c = new pg.Client({ connectionString: urlFor(user) });
  await c.connect();
  try {
    await fn(c);
  } finally {
    await c.end();
  }
}

function auditVerify(url: string): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/audit-verify.ts"], { env: { PATH: process.env.PATH ?? "", DATABASE_URL: url } });
    let stdout = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stdout += d.toString()));
    child.on("close", (code) => resolve({ code, stdout }));
  });
}

describe.skipIf(!adminUrl)("PostgreSQL owner and runtime roles", () => {
  let bot: Bot;
  let auditId: number;
  const admin = () => new pg.Client({ connectionString: adminUrl });

  beforeAll(async () => {
    const a = admin();
    await a.connect();
    try {
      // Trust authentication on the test server: LOGIN without a password. A deployment sets passwords.
      await a.query(`CREATE ROLE ${names.owner} LOGIN`);
      await a.query(`CREATE ROLE ${names.runtime} LOGIN`);
      await a.query(`CREATE DATABASE ${names.db} OWNER ${names.owner}`);
    } finally {
      await a.end();
    }
    const dir = mkdtempSync(join(tmpdir(), "sc-roles-"));
    writeFileSync(join(dir, "policy.json"), JSON.stringify(testPolicy()));
    const config = loadConfig({ DATABASE_URL: urlFor(names.runtime), MIGRATION_DATABASE_URL: urlFor(names.owner), PORT: "0", HOST: "127.0.0.1", POLICY_FILE: join(dir, "policy.json") });
    bot = await startBot(config, [], { logger: createSilentLogger(), scheduler: false });
    const { id } = await submitApplication(bot.ctx, { actor: applicant, answers: answersFromForm({ ...sopot }) });
    auditId = (await bot.store.db.auditEntry.findFirstOrThrow({ where: { applicationId: id, action: "submitted" } })).id;
  }, 60_000);

  afterAll(async () => {
    await bot?.stop();
    const a = admin();
    await a.connect();
    try {
      await a.query(`DROP DATABASE IF EXISTS ${names.db} WITH (FORCE)`);
      await a.query(`DROP ROLE IF EXISTS ${names.runtime}`);
      await a.query(`DROP ROLE IF EXISTS ${names.owner}`);
    } finally {
      await a.end();
    }
  });

  it("the bot runs as the runtime role, which owns nothing", async () => {
    await asRole(names.runtime, async (c) => {
      const { rows } = await c.query<{ owner: string }>(`SELECT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE relname = 'AuditEntry'`);
      expect(rows[0]!.owner).toBe(names.owner);
    });
    expect(await bot.store.db.auditEntry.count()).toBeGreaterThan(0);
  });

  it("the runtime role cannot update, delete, truncate, disable or drop the triggers, or reset a chain head", async () => {
    await asRole(names.runtime, async (c) => {
      const refused = async (sql: string, pattern: RegExp) => {
        const e = await c.query(sql).then(() => null, (x: unknown) => x as Error);
        expect(e?.message, sql).toMatch(pattern);
      };
      await refused(`UPDATE "AuditEntry" SET "summary" = 'forged' WHERE "id" = ${auditId}`, /permission denied/);
      await refused(`DELETE FROM "AuditEntry" WHERE "id" = ${auditId}`, /permission denied/);
      await refused(`TRUNCATE "AuditEntry"`, /permission denied/);
      await refused(`ALTER TABLE "AuditEntry" DISABLE TRIGGER ALL`, /must be owner/);
      await refused(`ALTER TABLE "AuditEntry" DISABLE TRIGGER "AuditEntry_append_only"`, /must be owner/);
      await refused(`DROP TRIGGER "AuditEntry_append_only" ON "AuditEntry"`, /must be owner/);
      await refused(`SET session_replication_role = replica`, /permission denied/);
      await refused(`DELETE FROM "AuditChain"`, /permission denied/);
      await refused(`UPDATE "AuditChain" SET "seq" = 0`, /only move forward/);
      await refused(`CREATE TABLE "Sneaky" (id int)`, /permission denied/);
    });
    expect((await bot.store.db.auditEntry.findUniqueOrThrow({ where: { id: auditId } })).summary).not.toBe("forged");
  });

  it("refuses a runtime role that no grant could restrict: a superuser, or the owner itself", async () => {
    const superuser = decodeURIComponent(new URL(adminUrl).username);
    await expect(grantRuntimeRole(urlFor(names.owner), superuser, createSilentLogger())).rejects.toThrow(/is a superuser/);
    await expect(grantRuntimeRole(urlFor(names.owner), names.owner, createSilentLogger())).rejects.toThrow(/owns the audit table/);
  });

  it("the owner's TRUNCATE is refused by the guard trigger", async () => {
    await asRole(names.owner, async (c) => {
      await expect(c.query(`TRUNCATE "AuditEntry"`)).rejects.toThrow(/append-only/);
    });
  });

  it("an owner's manual edit (triggers disabled) is caught by audit:verify, which names the entry", async () => {
    expect((await auditVerify(urlFor(names.runtime))).code).toBe(0);
    await asRole(names.owner, async (c) => {
      await c.query(`ALTER TABLE "AuditEntry" DISABLE TRIGGER USER`);
      await c.query(`UPDATE "AuditEntry" SET "summary" = 'Submitted version 1: Elsewhere' WHERE "id" = $1`, [auditId]);
      await c.query(`ALTER TABLE "AuditEntry" ENABLE TRIGGER USER`);
    });
    const run = await auditVerify(urlFor(names.runtime));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`first broken: entry #${auditId}`);
    expect(run.stdout).toMatch(/edited after it was written/);
  });
});
