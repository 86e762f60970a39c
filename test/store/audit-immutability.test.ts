import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pgSkipNotice, providers, testDatabase, type TestDatabase } from "../support/databases.js";

const skip = pgSkipNotice();
if (skip) describe.skip(skip, () => it("needs PostgreSQL"));

describe.each(providers())("audit log on %s is append-only", (provider) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await testDatabase(provider);
  });
  afterEach(async () => {
    await db.drop();
  });

  it("the database refuses UPDATE and DELETE, and the row stays as written", async () => {
    const row = await db.store.db.auditEntry.create({ data: { actorId: "dana", actorRole: "director", action: "test", summary: "original" } });
    await expect(db.store.db.$executeRawUnsafe(`UPDATE "AuditEntry" SET "summary" = 'forged' WHERE "id" = ${row.id}`)).rejects.toThrow(/append-only/);
    await expect(db.store.db.$executeRawUnsafe(`DELETE FROM "AuditEntry" WHERE "id" = ${row.id}`)).rejects.toThrow(/append-only/);
    await expect(db.store.db.auditEntry.deleteMany({})).rejects.toThrow();
    expect((await db.store.db.auditEntry.findUniqueOrThrow({ where: { id: row.id } })).summary).toBe("original");
  });
});

describe("audit log in code", () => {
  function files(dir: string): string[] {
    return readdirSync(dir).flatMap((n) => {
      const p = join(dir, n);
      if (n === "generated") return [];
      return statSync(p).isDirectory() ? files(p) : /\.ts$/.test(n) ? [p] : [];
    });
  }
  it("has no update or delete path for audit entries", () => {
    for (const f of [...files("src"), ...files("adapters")]) {
      expect(readFileSync(f, "utf8"), f).not.toMatch(/auditEntry\s*\.\s*(update|updateMany|upsert|delete|deleteMany)\b/);
    }
  });
});
