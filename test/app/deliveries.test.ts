import { afterEach, describe, expect, it } from "vitest";
import { reviewIntake } from "../../src/app/review-intake.js";
import { MAX_ATTEMPTS, sendDueDeliveries } from "../../src/app/send-due-deliveries.js";
import { notify } from "../../src/app/outbox.js";
import { submitApplication } from "../../src/app/submit-application.js";
import { textCard } from "../../src/views/model.js";
import { answersFromForm } from "../../src/views/application-form.js";
import { applicant, director, sopot } from "../support/fixtures.js";
import { createHarness, type Harness } from "../support/harness.js";

describe("deliveries (the outbox)", () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });
  /** Submits an application (one intake notice to the director) and queues one message to the applicant: two rows. */
  const submit = async () => {
    const sub = await submitApplication(h.ctx, { actor: applicant, answers: answersFromForm({ ...sopot }) });
    const to = h.ctx.directory.resolve(applicant).personId;
    await h.ctx.store.transaction((tx) => notify(tx, sub.id, to, textCard("A note", "A note to the applicant."), h.now.value));
    h.ctx.after.kickDeliveries();
    return sub;
  };
  // Reminders are deliveries too (tested in reminders.test.ts); these tests look at messages and cards.
  const rows = () => h.db.store.db.delivery.findMany({ where: { kind: { not: "reminder" } }, orderBy: { id: "asc" } });

  it("with no platform connected nothing is sent or lost: rows wait until one is", async () => {
    h = await createHarness("sqlite", { platforms: [] });
    await submit();
    await h.settle();
    expect((await rows()).map((r) => r.status)).toEqual(["pending", "pending"]);
    h.ctx.platforms.set("slack", h.slack);
    expect(await sendDueDeliveries(h.ctx)).toEqual({ sent: 2, retried: 0, failed: 0 });
    expect(h.slack.sent.map((s) => s.to.id).sort()).toEqual(["UAPPLICANT", "UDIRECTOR"]);
  });

  it("retries a rate-limited send after Retry-After with back-off, then sends once", async () => {
    h = await createHarness("sqlite");
    h.slack.failNext(2, true, 5_000);
    await submit();
    await h.settle();
    let r = await rows();
    expect(r.every((d) => d.status === "pending" && d.attempts === 1 && d.lastError === "ratelimited")).toBe(true);
    expect(r[0]!.dueAt.getTime() - h.now.value.getTime()).toBeGreaterThanOrEqual(5_000);
    expect(await sendDueDeliveries(h.ctx)).toEqual({ sent: 0, retried: 0, failed: 0 }); // not due yet
    h.now.value = new Date(h.now.value.getTime() + 60_000);
    expect(await sendDueDeliveries(h.ctx)).toEqual({ sent: 2, retried: 0, failed: 0 });
    expect(h.slack.sent).toHaveLength(2);
    r = await rows();
    expect(r.every((d) => d.status === "sent")).toBe(true);
  });

  it("gives up after the last attempt, records it in the audit log, and never resends", async () => {
    h = await createHarness("sqlite");
    h.slack.failNext(100);
    const { id } = await submit();
    await h.settle();
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
      h.now.value = new Date(h.now.value.getTime() + 2 * 3600_000);
      await sendDueDeliveries(h.ctx);
    }
    expect((await rows()).map((r) => [r.status, r.attempts])).toEqual([
      ["failed", MAX_ATTEMPTS],
      ["failed", MAX_ATTEMPTS],
    ]);
    const audit = await h.db.store.db.auditEntry.findMany({ where: { applicationId: id, action: "delivery_failed" } });
    expect(audit).toHaveLength(2);
    expect(audit[0]!.summary).toMatch(/after 6 attempt/);
  });

  it("a permanent error (channel gone) fails at once, and a person with no address is reported, not retried", async () => {
    h = await createHarness("sqlite");
    h.slack.failNext(1, false);
    await submit();
    await h.settle();
    const r = await rows();
    expect(r.filter((d) => d.status === "failed")).toHaveLength(1);
    expect(r.filter((d) => d.status === "sent")).toHaveLength(1);
  });

  it("a crash after the claim is retried once the lease expires, and sent once", async () => {
    h = await createHarness("sqlite");
    h.ctx.platforms.clear();
    await submit();
    // Simulate a replica that claimed both rows and died before sending.
    await h.db.store.db.delivery.updateMany({ where: { kind: { not: "reminder" } }, data: { status: "sending", leaseUntil: new Date(h.now.value.getTime() + 60_000), attempts: 1 } });
    h.ctx.platforms.set("slack", h.slack);
    expect((await sendDueDeliveries(h.ctx)).sent).toBe(0); // lease still held
    h.now.value = new Date(h.now.value.getTime() + 61_000);
    expect((await sendDueDeliveries(h.ctx)).sent).toBe(2);
    expect((await sendDueDeliveries(h.ctx)).sent).toBe(0);
    expect(h.slack.sent).toHaveLength(2);
  });

  it("posts the commission card to every connected platform and remembers where, to update it in place", async () => {
    h = await createHarness("sqlite", { platforms: ["slack", "teams"] });
    const { id } = await submit();
    await reviewIntake(h.ctx, { actor: director, applicationId: id, decision: "accept" });
    await h.settle();
    expect(h.slack.to("CCOMMISSION")).toHaveLength(1);
    expect(h.teams.to("19:commission@thread.tacv2")).toHaveLength(1);
    // Each person is reached once, on their first connected platform.
    expect(h.teams.to("29:director")).toHaveLength(0);
    const refs = await h.db.store.db.messageRef.findMany({ where: { applicationId: id, kind: "commission" } });
    expect(refs.map((r) => r.platform).sort()).toEqual(["slack", "teams"]);
  });

  it("a failed card update is queued and fixed by the sweep", async () => {
    h = await createHarness("sqlite");
    const { id } = await submit();
    await h.settle();
    h.slack.failNext(1);
    await reviewIntake(h.ctx, { actor: director, applicationId: id, decision: "accept" }); // refreshes the intake card
    await h.settle();
    const refresh = await h.db.store.db.delivery.findFirst({ where: { kind: "refresh" } });
    expect(refresh?.status).toBe("pending");
    h.now.value = new Date(h.now.value.getTime() + 60_000);
    await sendDueDeliveries(h.ctx);
    expect((await h.db.store.db.delivery.findFirstOrThrow({ where: { kind: "refresh" } })).status).toBe("sent");
    expect(h.slack.updates.length).toBeGreaterThan(0);
  });
});
