import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { castVote } from "../../src/app/cast-vote.js";
import { closeVote } from "../../src/app/close-vote.js";
import { getStatus } from "../../src/app/get-status.js";
import { recordAgreement } from "../../src/app/record-agreement.js";
import { recordCouncilDecision } from "../../src/app/record-council-decision.js";
import { reviewIntake } from "../../src/app/review-intake.js";
import { scheduleCouncil } from "../../src/app/schedule-council.js";
import { sendDueDeliveries } from "../../src/app/send-due-deliveries.js";
import { setReminderSchedule } from "../../src/app/set-reminder-schedule.js";
import { snoozeReminders } from "../../src/app/snooze-reminders.js";
import { submitApplication } from "../../src/app/submit-application.js";
import { withdrawApplication } from "../../src/app/withdraw-application.js";
import { answersFromForm } from "../../src/views/application-form.js";
import { applicant, chair, clerk, commissioners, director, sopot } from "../support/fixtures.js";
import { createHarness, type Harness } from "../support/harness.js";
import { cardText } from "../support/recording-platform.js";

describe("reminders", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness("sqlite");
  });
  afterEach(async () => {
    await h.close();
  });

  const at = (iso: string) => (h.now.value = new Date(iso));
  const sweep = async () => {
    const r = await sendDueDeliveries(h.ctx);
    await h.settle();
    return r;
  };
  const remindersTo = (user: string) => h.slack.to(user).filter((s) => s.view.summary.startsWith("Reminder"));
  const pending = () => h.db.store.db.delivery.findMany({ where: { kind: "reminder", status: "pending" }, orderBy: { dueAt: "asc" } });

  async function approved(): Promise<number> {
    const { id } = await submitApplication(h.ctx, { actor: applicant, answers: answersFromForm({ ...sopot }) });
    await reviewIntake(h.ctx, { actor: director, applicationId: id, decision: "accept" });
    for (const c of commissioners.slice(0, 4)) await castVote(h.ctx, { actor: c, applicationId: id, choice: "approve", source: "button" });
    await closeVote(h.ctx, { actor: chair, applicationId: id });
    await h.settle();
    return id;
  }

  it("from approval: weekdays at 9:00 city time, to the director and clerk, with what is missing and the buttons", async () => {
    at("2027-03-05T20:00:00Z"); // Friday 12:00 PST
    const id = await approved();
    const [first] = await pending();
    expect(first?.dueAt.toISOString()).toBe("2027-03-08T17:00:00.000Z"); // Monday 09:00 PST, not Saturday
    at("2027-03-08T17:00:30Z");
    expect((await sweep()).sent).toBeGreaterThanOrEqual(1);
    const r = remindersTo("UDIRECTOR").at(-1)!;
    expect(cardText(r.view)).toContain("waits for City Council — waiting since Mar 5, 2027 (3 days).");
    expect(cardText(r.view)).toContain("council date not set");
    expect(cardText(r.view)).toContain("(Record council decision) (Set council date) (Snooze 7 days)");
    expect(remindersTo("UCLERK")).toHaveLength(1);
    expect((await pending()).map((p) => p.dueAt.toISOString())).toEqual(["2027-03-09T17:00:00.000Z"]);
    // status shows the next reminder
    expect(cardText(await getStatus(h.ctx, { actor: director, applicationId: id }))).toContain("Next reminder to the director: Mar 9, 2027, 9:00 AM PST");
  });

  it("after downtime sends what fell due once, then schedules from now", async () => {
    at("2027-03-01T18:00:00Z");
    await approved();
    at("2027-03-12T20:00:00Z"); // ten days later, no sweep in between
    await sweep();
    expect(remindersTo("UDIRECTOR")).toHaveLength(1);
    await sweep();
    expect(remindersTo("UDIRECTOR")).toHaveLength(1);
    expect((await pending()).map((p) => p.dueAt.toISOString())).toEqual(["2027-03-15T16:00:00.000Z"]); // Monday, after the DST switch
  });

  it("escalates after the configured number of unanswered reminders, and an action starts the count again", async () => {
    at("2027-03-01T18:00:00Z");
    const id = await approved();
    for (const day of ["02", "03", "04"]) {
      at(`2027-03-${day}T17:00:01Z`);
      await sweep();
    }
    expect(remindersTo("UDIRECTOR")).toHaveLength(3);
    expect(remindersTo("UMANAGER")).toHaveLength(1); // the third went to the escalation contact too
    expect(cardText(remindersTo("UMANAGER")[0]!.view)).toContain("3 reminders have gone unanswered");
    await scheduleCouncil(h.ctx, { actor: clerk, applicationId: id, meetingDate: "2027-04-15" });
    at("2027-03-05T17:00:01Z");
    await sweep();
    expect(remindersTo("UMANAGER")).toHaveLength(1);
    expect(cardText(remindersTo("UDIRECTOR").at(-1)!.view)).toContain("council meeting Apr 15, 2027");
  });

  it("snooze moves the next reminder 7 days out", async () => {
    at("2027-03-01T18:00:00Z");
    const id = await approved();
    const { until } = await snoozeReminders(h.ctx, { actor: director, applicationId: id });
    expect((await pending()).map((p) => p.dueAt.getTime())).toEqual([until.getTime()]);
    at("2027-03-05T17:00:01Z");
    await sweep();
    expect(remindersTo("UDIRECTOR")).toHaveLength(0);
    await expect(snoozeReminders(h.ctx, { actor: applicant, applicationId: id })).rejects.toThrow(/Only the Community Services Director/);
  });

  it("the director can set this application's schedule; bad expressions are refused", async () => {
    at("2027-03-01T18:00:00Z");
    const id = await approved();
    await expect(setReminderSchedule(h.ctx, { actor: director, applicationId: id, cron: "every day" })).rejects.toThrow(/not a schedule/);
    const { next } = await setReminderSchedule(h.ctx, { actor: director, applicationId: id, cron: "30 14 * * 3" });
    expect(next?.toISOString()).toBe("2027-03-03T22:30:00.000Z"); // Wednesday 14:30 PST
    expect((await pending()).map((p) => p.dueAt.toISOString())).toEqual(["2027-03-03T22:30:00.000Z"]);
  });

  it("stops at the council decision, then reminds weekly until the agreement is recorded, then stops", async () => {
    at("2027-03-01T18:00:00Z");
    const id = await approved();
    await recordCouncilDecision(h.ctx, { actor: clerk, applicationId: id, form: { meetingDate: "2027-03-02", decision: "adopted" } });
    expect((await pending()).map((p) => [p.key.split(":")[2], p.dueAt.toISOString()])).toEqual([["agreement", "2027-03-08T17:00:00.000Z"]]);
    at("2027-03-08T17:00:01Z");
    await sweep();
    expect(cardText(remindersTo("UDIRECTOR").at(-1)!.view)).toContain("waits for the signed agreement");
    await recordAgreement(h.ctx, { actor: clerk, applicationId: id, form: { signedOn: "2027-03-09", ourMayor: "A", theirMayor: "B" } });
    expect(await pending()).toEqual([]);
  });

  it("stops on rejection and on withdrawal", async () => {
    at("2027-03-01T18:00:00Z");
    const a = await approved();
    await recordCouncilDecision(h.ctx, { actor: clerk, applicationId: a, form: { meetingDate: "2027-03-02", decision: "rejected" } });
    expect(await pending()).toEqual([]);
    const b = await approved();
    await withdrawApplication(h.ctx, { actor: applicant, applicationId: b });
    expect(await pending()).toEqual([]);
  });

  it("a reminder whose step was done meanwhile is not sent", async () => {
    at("2027-03-01T18:00:00Z");
    const id = await approved();
    // Simulate a step recorded without the use case (e.g. a restore): the reminder finds it done when it falls due.
    await h.db.store.db.application.update({ where: { id }, data: { status: "council_rejected" } });
    at("2027-03-02T17:00:01Z");
    await sweep();
    expect(remindersTo("UDIRECTOR")).toHaveLength(0);
    expect((await h.db.store.db.delivery.findFirstOrThrow({ where: { kind: "reminder", applicationId: id } })).status).toBe("cancelled");
  });

  it("reminds the director when an application waits for intake, until the decision", async () => {
    at("2027-03-01T18:00:00Z");
    const { id } = await submitApplication(h.ctx, { actor: applicant, answers: answersFromForm({ ...sopot }) });
    at("2027-03-04T18:00:01Z");
    await sweep();
    expect(cardText(remindersTo("UDIRECTOR").at(-1)!.view)).toContain("waits for your intake decision — waiting since Mar 1, 2027 (3 days).");
    await reviewIntake(h.ctx, { actor: director, applicationId: id, decision: "accept" });
    expect((await pending()).filter((p) => p.key.includes(":intake:"))).toEqual([]);
  });

  it("nudges commissioners who have not voted, once, a day before the deadline", async () => {
    at("2027-03-01T18:00:00Z");
    const { id } = await submitApplication(h.ctx, { actor: applicant, answers: answersFromForm({ ...sopot }) });
    await reviewIntake(h.ctx, { actor: director, applicationId: id, decision: "accept" });
    await castVote(h.ctx, { actor: commissioners[0]!, applicationId: id, choice: "approve", source: "button" });
    at("2027-03-14T18:00:01Z"); // 13 days later: 24 h before the 14-day deadline
    await sweep();
    const nudged = h.slack.sent.filter((s) => s.view.summary.startsWith("Your vote")).map((s) => s.to.id).sort();
    expect(nudged).toEqual(["UCHAIR", "UCOMM2", "UCOMM3", "UCOMM4", "UCOMM5", "UCOMM6"]);
    await sweep();
    expect(h.slack.sent.filter((s) => s.view.summary.startsWith("Your vote"))).toHaveLength(6);
  });

  it("a crash after claiming a reminder re-sends it once after the lease", async () => {
    at("2027-03-01T18:00:00Z");
    await approved();
    at("2027-03-02T17:00:01Z");
    await h.db.store.db.delivery.updateMany({ where: { kind: "reminder", status: "pending" }, data: { status: "sending", leaseUntil: new Date("2027-03-02T17:01:01Z"), attempts: 1 } });
    await sweep();
    expect(remindersTo("UDIRECTOR")).toHaveLength(0);
    at("2027-03-02T17:01:02Z");
    await sweep();
    await sweep();
    expect(remindersTo("UDIRECTOR")).toHaveLength(1);
  });

  it("a platform failure is retried with back-off, then recorded as failed in the audit log", async () => {
    at("2027-03-01T18:00:00Z");
    const id = await approved();
    h.slack.failNext(100);
    for (let i = 0; i < 20; i++) {
      at(new Date(h.now.value.getTime() + 3 * 3600_000).toISOString());
      await sweep();
    }
    const failed = await h.db.store.db.auditEntry.findMany({ where: { applicationId: id, action: "delivery_failed" } });
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0]!.summary).toMatch(/reminder after 6 attempt/);
    const { listApplications } = await import("../../src/app/list-applications.js");
    const queue = (await listApplications(h.ctx, { actor: director, scope: "queue" })).map(cardText).join("\n");
    expect(queue).toContain("Messages that could not be sent");
    expect(queue).toContain("SC-0001: reminder due");
  });
});
