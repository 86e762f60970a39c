// Reminder sweep scaling: one sweep with 1 000 due reminders among 1 000 open applications, and among 100 000.
// The sweep reads due rows through the (status, dueAt) index, so its cost should follow the due rows only.
import { createAppContext } from "../src/app/create-context.js";
import type { ChatPlatform } from "../src/app/ports.js";
import { sendDueDeliveries } from "../src/app/send-due-deliveries.js";
import { draftSchema } from "../src/domain/application.js";
import { createSilentLogger } from "../src/logger.js";
import { createDb } from "../src/store/db.js";
import { createStore } from "../src/store/store.js";
import { answersFromForm } from "../src/views/application-form.js";
import { sopot, testPolicy } from "../test/support/fixtures.js";
import { median, type BenchDb } from "./lib.js";

const DUE = 1000;
const NOW = new Date("2027-03-02T17:00:30Z");
const DUE_AT = new Date("2027-03-02T17:00:00Z");

/** Sweep time for one size. */
export interface SweepResult {
  open: number;
  due: number;
  medianMs: number;
  runs: number[];
  sent: number;
}

/** Seeds `open` applications (the first DUE with a due reminder) and times sweeps. */
export async function sweepScaling(db: BenchDb, open: number, runs = 3): Promise<SweepResult> {
  const store = createStore(await createDb(db.url), db.provider);
  try {
    const data = draftSchema.parse(answersFromForm({ ...sopot }));
    for (let done = 0; done < open; done += 5000) {
      const n = Math.min(5000, open - done);
      await store.db.application.createMany({ data: Array.from({ length: n }, () => ({ applicantId: "slack:UAPPLICANT", applicantName: "Pat", status: "commission_approved" as const, data })) });
    }
    const first = await store.db.application.findMany({ select: { id: true }, orderBy: { id: "asc" }, take: DUE });
    await store.db.delivery.createMany({
      data: first.map((a) => ({ key: `reminder:${a.id}:council:${DUE_AT.toISOString()}`, applicationId: a.id, kind: "reminder", payload: { type: "reminder", topic: "council", count: 1 }, dueAt: DUE_AT })),
    });
    const ctx = createAppContext({ store, policy: testPolicy(), logger: createSilentLogger(), clock: () => NOW });
    let sends = 0;
    const platform: ChatPlatform = {
      platform: "slack",
      async send(to) {
        sends++;
        return { platform: "slack", conversationId: to.id, messageId: String(sends) };
      },
      async update() {},
    };
    ctx.platforms.set("slack", platform);
    const times: number[] = [];
    let sent = 0;
    for (let r = 0; r < runs; r++) {
      // Put the same 1 000 reminders back: due again, their next occurrences removed.
      await store.db.delivery.deleteMany({ where: { kind: "reminder", dueAt: { gt: DUE_AT } } });
      await store.db.delivery.updateMany({ where: { kind: "reminder" }, data: { status: "pending", attempts: 0, sentAt: null, sentRef: null, leaseUntil: null } });
      const t0 = performance.now();
      const res = await sendDueDeliveries(ctx, { limit: 500 });
      times.push(performance.now() - t0);
      sent = res.sent;
    }
    return { open, due: DUE, medianMs: median(times), runs: times, sent };
  } finally {
    await store.close();
  }
}
