import { spawn } from "node:child_process";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeAudit } from "../../src/app/audit.js";
import { exportApplication } from "../../src/app/export-application.js";
import { reviewIntake } from "../../src/app/review-intake.js";
import { submitApplication } from "../../src/app/submit-application.js";
import { verifyAllAuditChains, verifyAuditChain } from "../../src/app/verify-audit.js";
import { SYSTEM } from "../../src/domain/actors.js";
import { answersFromForm } from "../../src/views/application-form.js";
import { pgSkipNotice, providers } from "../support/databases.js";
import { applicant, director, sopot } from "../support/fixtures.js";
import { createHarness, type Harness } from "../support/harness.js";

const skip = pgSkipNotice();
if (skip) describe.skip(skip, () => it("needs PostgreSQL"));

/** Runs npm run audit:verify's script against a database. */
function auditVerify(url: string): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/audit-verify.ts"], { env: { PATH: process.env.PATH ?? "", DATABASE_URL: url } });
    let stdout = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stdout += d.toString()));
    child.on("close", (code) => resolve({ code, stdout }));
  });
}

describe.each(providers())("audit hash chain on %s", (provider) => {
  let h: Harness;
  let id: number;
  beforeEach(async () => {
    h = await createHarness(provider);
    ({ id } = await submitApplication(h.ctx, { actor: applicant, answers: answersFromForm({ ...sopot }) }));
    await reviewIntake(h.ctx, { actor: director, applicationId: id, decision: "accept" });
    await h.settle();
  });
  afterEach(async () => {
    await h.close();
  });

  /** Edits the database as its owner would by hand: with the append-only triggers out of the way. */
  async function asOwner(sql: string): Promise<void> {
    const db = h.db.store.db;
    if (provider === "postgresql") {
      await db.$executeRawUnsafe(`ALTER TABLE "AuditEntry" DISABLE TRIGGER USER`);
      await db.$executeRawUnsafe(sql);
      await db.$executeRawUnsafe(`ALTER TABLE "AuditEntry" ENABLE TRIGGER USER`);
    } else {
      await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS "AuditEntry_no_update"`);
      await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS "AuditEntry_no_delete"`);
      await db.$executeRawUnsafe(sql);
    }
  }

  it("every entry links to the one before it and verifies; audit:verify exits 0", async () => {
    const rows = await h.db.store.db.auditEntry.findMany({ where: { applicationId: id }, orderBy: { id: "asc" } });
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    for (const [i, r] of rows.entries()) expect(r.prevHash).toBe(i === 0 ? "" : rows[i - 1]!.hash);
    const report = await verifyAuditChain(h.db.store.db, id);
    expect(report.broken).toBeNull();
    expect(report.verifiedThrough).toEqual({ id: rows.at(-1)!.id, seq: rows.length });
    const run = await auditVerify(h.db.url);
    expect(run.stdout).toContain(`ok     application:${id}: verified: ${rows.length} entries`);
    expect(run.code).toBe(0);
  });

  it("30 appends to one chain at once stay one unbroken chain", async () => {
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => h.ctx.store.transaction((tx) => writeAudit(tx, { applicationId: id, member: SYSTEM, action: "test", summary: `burst ${i}`, at: new Date() }))),
    );
    const report = await verifyAuditChain(h.db.store.db, id);
    expect(report.broken).toBeNull();
    expect(report.chained).toBe(await h.db.store.db.auditEntry.count({ where: { applicationId: id } }));
    expect(report.chained).toBeGreaterThanOrEqual(32);
  });

  it("an edited entry is named by audit:verify (exit 1) and the export packet says the chain is broken", async () => {
    const target = await h.db.store.db.auditEntry.findFirstOrThrow({ where: { applicationId: id, action: "submitted" } });
    await asOwner(`UPDATE "AuditEntry" SET "summary" = 'Submitted version 1: somewhere else' WHERE "id" = ${target.id}`);
    const report = await verifyAuditChain(h.db.store.db, id);
    expect(report.broken).toMatchObject({ id: target.id, reason: expect.stringMatching(/edited after it was written/) });
    const run = await auditVerify(h.db.url);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`BROKEN application:${id}: .*first broken: entry #${target.id} \\(position ${target.seq}\\)`));
    const packet = await exportApplication(h.ctx, { actor: director, applicationId: id });
    expect(packet.markdown.content).toMatch(new RegExp(`Audit hash chain: BROKEN: .*entry #${target.id}`));
    expect(packet.csv.content).toContain("audit chain,hash chain,broken,");
  });

  it("a removed last entry, a removed middle entry and a slipped-in unhashed entry are all caught", async () => {
    const rows = await h.db.store.db.auditEntry.findMany({ where: { applicationId: id }, orderBy: { id: "asc" } });
    await asOwner(`DELETE FROM "AuditEntry" WHERE "id" = ${rows.at(-1)!.id}`);
    expect((await verifyAuditChain(h.db.store.db, id)).broken?.reason).toMatch(/removed from its end/);
    await asOwner(`DELETE FROM "AuditEntry" WHERE "id" = ${rows[0]!.id}`);
    expect((await verifyAuditChain(h.db.store.db, id)).broken).toMatchObject({ id: rows[1]!.id, reason: expect.stringMatching(/position 2 where position 1/) });
    // A row inserted without going through the bot (the runtime role may INSERT).
    const forged = await h.db.store.db.auditEntry.create({ data: { applicationId: null, actorId: "dana", actorRole: "director", action: "x", summary: "forged" } });
    await h.ctx.store.transaction((tx) => writeAudit(tx, { applicationId: null, member: SYSTEM, action: "test", summary: "real", at: new Date() }));
    const all = await verifyAllAuditChains(h.db.store.db);
    const system = all.find((r) => r.chain === "system");
    // The forged row came first, so it reads as pre-chain history; anything unhashed after the chain began is flagged.
    expect(system).toMatchObject({ legacy: 1, broken: null });
    await h.db.store.db.auditEntry.create({ data: { applicationId: null, actorId: "dana", actorRole: "director", action: "x", summary: "forged later" } });
    expect((await verifyAuditChain(h.db.store.db, null)).broken).toMatchObject({ reason: expect.stringMatching(/has no hash/) });
    expect(forged.hash).toBeNull();
  });

  it("the chain head only moves forward, so a cut tail cannot be hidden by the runtime role", async () => {
    const chain = `application:${id}`;
    await expect(h.db.store.db.auditChain.update({ where: { chain }, data: { seq: 1 } })).rejects.toThrow();
    await expect(h.db.store.db.auditChain.delete({ where: { chain } })).rejects.toThrow();
  });
});
