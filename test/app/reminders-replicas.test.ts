import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppContext } from "../../src/app/create-context.js";
import { sendDueDeliveries } from "../../src/app/send-due-deliveries.js";
import { draftSchema } from "../../src/domain/application.js";
import { createSilentLogger } from "../../src/logger.js";
import { createDb } from "../../src/store/db.js";
import { createStore, type Store } from "../../src/store/store.js";
import { answersFromForm } from "../../src/views/application-form.js";
import { pgSkipNotice, postgresDatabase, providers, type TestDatabase } from "../support/databases.js";
import { sopot, testPolicy } from "../support/fixtures.js";
import { RecordingPlatform } from "../support/recording-platform.js";

const skip = pgSkipNotice();
const N = 1000;

describe.skipIf(!providers().includes("postgresql"))("two bot replicas sweeping one PostgreSQL", () => {
  let db: TestDatabase;
  let second: Store;
  const now = new Date("2027-03-02T17:00:30Z");

  beforeAll(async () => {
    db = await postgresDatabase();
    second = createStore(await createDb(db.url), "postgresql", db.url);
    const data = draftSchema.parse(answersFromForm({ ...sopot }));
    await db.store.db.application.createMany({
      data: Array.from({ length: N }, () => ({ applicantId: "slack:UAPPLICANT", applicantName: "Pat", status: "commission_approved" as const, data, statusChangedAt: new Date("2027-03-01T18:00:00Z") })),
    });
    const apps = await db.store.db.application.findMany({ select: { id: true } });
    const due = new Date("2027-03-02T17:00:00Z");
    await db.store.db.delivery.createMany({
      data: apps.map((a) => ({ key: `reminder:${a.id}:council:${due.toISOString()}`, applicationId: a.id, kind: "reminder", payload: { type: "reminder", topic: "council", count: 1 }, dueAt: due })),
    });
  }, 120_000);
  afterAll(async () => {
    await second?.close();
    await db?.drop();
  });

  it(`send each of ${N} due reminders exactly once between them`, async () => {
    const replicas = [db.store, second].map((store) => {
      const ctx = createAppContext({ store, policy: testPolicy(), logger: createSilentLogger(), clock: () => now });
      const platform = new RecordingPlatform("slack");
      ctx.platforms.set("slack", platform);
      return { ctx, platform };
    });
    const results = await Promise.all(replicas.map((r) => sendDueDeliveries(r.ctx)));
    expect(results[0]!.sent + results[1]!.sent).toBe(N);
    // Both did part of the work (otherwise the test proves nothing about concurrency).
    expect(Math.min(results[0]!.sent, results[1]!.sent)).toBeGreaterThan(0);

    const sends = replicas.flatMap((r) => r.platform.sent.map((s) => `${s.view.summary.slice(0, 18)}→${s.to.id}`));
    expect(sends).toHaveLength(N * 2); // director and clerk
    expect(new Set(sends).size).toBe(N * 2);
    expect(await db.store.db.delivery.count({ where: { kind: "reminder", status: "sent" } })).toBe(N);
    // Each sent reminder queued exactly one next occurrence.
    expect(await db.store.db.delivery.count({ where: { kind: "reminder", status: "pending", dueAt: new Date("2027-03-03T17:00:00Z") } })).toBe(N);
  }, 180_000);
});

if (skip) describe.skip(skip, () => it("needs PostgreSQL"));
