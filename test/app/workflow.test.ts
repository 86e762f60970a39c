import { sendDueDeliveries } from "../../src/app/send-due-deliveries.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { castVote } from "../../src/app/cast-vote.js";
import { closeVote } from "../../src/app/close-vote.js";
import { getStatus } from "../../src/app/get-status.js";
import { listApplications } from "../../src/app/list-applications.js";
import { recordAgreement } from "../../src/app/record-agreement.js";
import { recordCouncilDecision } from "../../src/app/record-council-decision.js";
import { reviewIntake } from "../../src/app/review-intake.js";
import { saveDraft } from "../../src/app/save-draft.js";
import { scheduleCouncil } from "../../src/app/schedule-council.js";
import { startApplication } from "../../src/app/start-application.js";
import { submitApplication } from "../../src/app/submit-application.js";
import { withdrawApplication } from "../../src/app/withdraw-application.js";
import { DomainError } from "../../src/domain/errors.js";
import { answersFromForm } from "../../src/views/application-form.js";
import { pgSkipNotice, providers } from "../support/databases.js";
import { applicant, chair, clerk, commissioners, director, sopot } from "../support/fixtures.js";
import { createHarness, type Harness } from "../support/harness.js";
import { cardText } from "../support/recording-platform.js";

const skip = pgSkipNotice();
if (skip) describe.skip(skip, () => it("needs PostgreSQL"));

async function refused(p: Promise<unknown>, code: string): Promise<DomainError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e, "expected a refusal").toBeInstanceOf(DomainError);
  expect((e as DomainError).code).toBe(code);
  return e as DomainError;
}

describe.each(providers())("workflow on %s", (provider) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(provider);
  });
  afterEach(async () => {
    await h.close();
  });

  const answers = () => answersFromForm({ ...sopot });
  const snapshot = async () => ({
    apps: await h.db.store.db.application.findMany({ orderBy: { id: "asc" } }),
    versions: await h.db.store.db.applicationVersion.count(),
    votes: await h.db.store.db.vote.count(),
    audit: await h.db.store.db.auditEntry.count(),
  });

  it("runs the whole lifecycle: apply → return → resubmit → accept → vote → close → council → agreement", async () => {
    const ctx = h.ctx;
    // Draft first, with part of the form.
    const draft = await saveDraft(ctx, { actor: applicant, answers: { proposedCity: "Sopot", country: "Poland" } });
    const form = await startApplication(ctx, { actor: applicant, applicationId: draft.id });
    expect(JSON.stringify(form)).toContain("Sopot");

    const sub = await submitApplication(ctx, { actor: applicant, applicationId: draft.id, answers: answers() });
    expect(sub.number).toBe("SC-0001");
    await h.settle();
    // The applicant's confirmation is the form's answer (replies.submitted), not a second message.
    expect(h.slack.to("UAPPLICANT")).toEqual([]);
    const intake = h.slack.to("UDIRECTOR").at(-1)!;
    expect(cardText(intake.view)).toContain("(Accept for commission)");
    expect(cardText(intake.view)).toContain("[met] Similar size");

    // Return with a reason; the applicant sees it; the intake card loses its buttons.
    await refused(reviewIntake(ctx, { actor: director, applicationId: sub.id, decision: "return", reason: " " }), "invalid_input");
    await reviewIntake(ctx, { actor: director, applicationId: sub.id, decision: "return", reason: "Please add the budget breakdown." });
    await h.settle();
    expect(cardText(h.slack.to("UAPPLICANT").at(-1)?.view)).toContain("Please add the budget breakdown.");
    expect(cardText(h.slack.latest(intake.handle))).not.toContain("(Accept for commission)");

    // Edit and resubmit: version 1 is kept as it was.
    await submitApplication(ctx, { actor: applicant, applicationId: sub.id, answers: { budgetUsd: "6000" }, shownFields: ["budgetUsd"] });
    const versions = await h.db.store.db.applicationVersion.findMany({ where: { applicationId: sub.id }, orderBy: { version: "asc" } });
    expect(versions.map((v) => (v.data as { budgetUsd: number }).budgetUsd)).toEqual([4500, 6000]);
    // The director had a notice moments ago, so this one waits out the grouping window, then goes out.
    const toDirector = h.slack.to("UDIRECTOR").length;
    await h.settle();
    expect(h.slack.to("UDIRECTOR").length).toBe(toDirector);
    h.now.value = new Date(h.now.value.getTime() + (ctx.policy.intakeNotices.groupWithinSeconds + 1) * 1000);
    await sendDueDeliveries(ctx);
    expect(cardText(h.slack.to("UDIRECTOR").at(-1)?.view)).toContain("(Accept for commission)");

    await reviewIntake(ctx, { actor: director, applicationId: sub.id, decision: "accept" });
    await h.settle();
    const card = h.slack.to("CCOMMISSION").at(-1)!;
    expect(cardText(card.view)).toContain("quorum 4 of 7");
    expect(cardText(card.view)).toContain("(Approve)");

    // Votes: one changed, one recusal; the card follows every change.
    await castVote(ctx, { actor: commissioners[0]!, applicationId: sub.id, choice: "approve", source: "button" });
    await castVote(ctx, { actor: commissioners[1]!, applicationId: sub.id, choice: "deny", source: "button" });
    await castVote(ctx, { actor: commissioners[1]!, applicationId: sub.id, choice: "approve", source: "reaction" });
    await castVote(ctx, { actor: commissioners[2]!, applicationId: sub.id, choice: "recuse", reason: "Owns a business in Sopot", source: "button" });
    await castVote(ctx, { actor: chair, applicationId: sub.id, choice: "approve", source: "button" });
    const last = await castVote(ctx, { actor: commissioners[3]!, applicationId: sub.id, choice: "abstain", source: "button" });
    expect(last.tally).toMatchObject({ approve: 3, deny: 0, abstain: 1, recuse: 1, present: 4, quorumMet: true });
    await h.settle();
    const live = cardText(h.slack.latest(card.handle));
    expect(live).toContain("Approve 3 · Deny 0 · Abstain 1 · Recused 1");
    expect(live).toContain("\u2068Chen Wei\u2069 — Recuse (Owns a business in Sopot)");
    expect(live).toContain("Not voted yet: Eitan Levi, Fatima Noor");

    await refused(closeVote(ctx, { actor: commissioners[0]!, applicationId: sub.id }), "forbidden");
    expect((await closeVote(ctx, { actor: chair, applicationId: sub.id })).outcome).toBe("approved");
    await refused(castVote(ctx, { actor: commissioners[4]!, applicationId: sub.id, choice: "deny", source: "button" }), "invalid_transition");
    await h.settle();
    const closed = cardText(h.slack.latest(card.handle));
    expect(closed).toContain("The Commission APPROVED");
    expect(closed).toContain("Roll call");
    expect(closed).not.toContain("(Approve)");
    const round = await h.db.store.db.voteRound.findFirstOrThrow({ where: { applicationId: sub.id } });
    expect(round.rollCall).toEqual(expect.arrayContaining([expect.objectContaining({ name: "Eitan Levi", choice: "absent" })]));

    // Council and agreement, by the clerk.
    await refused(recordAgreement(ctx, { actor: clerk, applicationId: sub.id, form: { signedOn: "2027-06-01", ourMayor: "A", theirMayor: "B" } }), "invalid_transition");
    await scheduleCouncil(ctx, { actor: clerk, applicationId: sub.id, meetingDate: "2027-04-15" });
    await refused(recordCouncilDecision(ctx, { actor: clerk, applicationId: sub.id, form: { meetingDate: "2027-04-15", decision: "maybe" } }), "invalid_input");
    await recordCouncilDecision(ctx, { actor: clerk, applicationId: sub.id, form: { meetingDate: "2027-04-15", decision: "adopted", resolution: "2027-31" } });
    await recordAgreement(ctx, { actor: director, applicationId: sub.id, form: { signedOn: "2027-06-01", ourMayor: "Maria Alegria", theirMayor: "Jacek Karnowski", documentUrl: "https://example.org/agreement.pdf" } });
    await h.settle();

    const status = cardText(await getStatus(ctx, { actor: applicant, applicationId: sub.id }));
    expect(status).toContain("Sister City relationship established");
    expect(status).toContain("resolution 2027-31");
    expect(status).toContain("Agreement signed Jun 1, 2027 by Maria Alegria and Jacek Karnowski");

    const actions = (await h.db.store.db.auditEntry.findMany({ where: { applicationId: sub.id }, orderBy: { id: "asc" } })).map((a) => a.action);
    expect(actions).toEqual([
      "draft_created", "submitted", "intake_return", "resubmitted", "intake_accept", "vote_opened",
      "vote_cast", "vote_cast", "vote_changed", "vote_cast", "vote_cast", "vote_cast", "vote_closed",
      "council_scheduled", "council_adopted", "agreement_signed",
    ]);
    // Every message went out, and no reminder is left once the agreement is recorded.
    expect(await h.db.store.db.delivery.count({ where: { status: { notIn: ["sent", "cancelled"] } } })).toBe(0);
    expect(await h.db.store.db.delivery.count({ where: { kind: "reminder", status: "cancelled" } })).toBeGreaterThan(0);
  });

  it("an incomplete or invalid submission is refused with field messages and stores nothing", async () => {
    const before = await snapshot();
    const e = await refused(submitApplication(h.ctx, { actor: applicant, answers: { proposedCity: "Sopot" } }), "invalid_input");
    expect(e.fieldErrors.country).toBe("Country is required.");
    const e2 = await refused(saveDraft(h.ctx, { actor: applicant, answers: { population: "lots", proposedCity: "<!channel>" } }), "invalid_input");
    expect(Object.keys(e2.fieldErrors)).toEqual(["population"]);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses strangers, non-commissioners and closed votes without changing anything", async () => {
    const { id } = await submitApplication(h.ctx, { actor: applicant, answers: answers() });
    const before = await snapshot();
    await refused(reviewIntake(h.ctx, { actor: applicant, applicationId: id, decision: "accept" }), "forbidden");
    await refused(castVote(h.ctx, { actor: commissioners[0]!, applicationId: id, choice: "approve", source: "button" }), "invalid_transition");
    await refused(withdrawApplication(h.ctx, { actor: director, applicationId: id }), "forbidden");
    await refused(getStatus(h.ctx, { actor: { platform: "slack", userId: "USTRANGER" }, applicationId: id }), "forbidden");
    await refused(getStatus(h.ctx, { actor: applicant, applicationId: 999 }), "not_found");
    expect(await snapshot()).toEqual(before);

    await reviewIntake(h.ctx, { actor: director, applicationId: id, decision: "accept" });
    const mid = await snapshot();
    const e = await refused(castVote(h.ctx, { actor: applicant, applicationId: id, choice: "approve", source: "reaction" }), "forbidden");
    expect(e.userMessage).toMatch(/commissioner/);
    expect(await snapshot()).toEqual(mid);
  });

  it("a repeated vote (retry or double click) changes nothing; withdrawing by reaction only undoes that choice", async () => {
    const { id } = await submitApplication(h.ctx, { actor: applicant, answers: answers() });
    await reviewIntake(h.ctx, { actor: director, applicationId: id, decision: "accept" });
    const voter = commissioners[0]!;
    expect((await castVote(h.ctx, { actor: voter, applicationId: id, choice: "approve", source: "button" })).changed).toBe(true);
    const audit = await h.db.store.db.auditEntry.count();
    expect((await castVote(h.ctx, { actor: voter, applicationId: id, choice: "approve", source: "reaction" })).changed).toBe(false);
    expect(await h.db.store.db.auditEntry.count()).toBe(audit);
    // Removing a ❌ reaction must not withdraw an approval made with the button.
    expect((await castVote(h.ctx, { actor: voter, applicationId: id, choice: null, onlyIf: "deny", source: "reaction" })).changed).toBe(false);
    const w = await castVote(h.ctx, { actor: voter, applicationId: id, choice: null, onlyIf: "approve", source: "reaction" });
    expect(w).toMatchObject({ changed: true, tally: { approve: 0 } });
  });

  it("closes without quorum, keeps the item with the commission, and a new vote can be opened", async () => {
    const { id } = await submitApplication(h.ctx, { actor: applicant, answers: answers() });
    await reviewIntake(h.ctx, { actor: director, applicationId: id, decision: "accept" });
    await castVote(h.ctx, { actor: commissioners[0]!, applicationId: id, choice: "approve", source: "button" });
    expect((await closeVote(h.ctx, { actor: director, applicationId: id })).outcome).toBe("no_quorum");
    const app = await h.db.store.db.application.findUniqueOrThrow({ where: { id } });
    expect(app.status).toBe("commission_review");
    const { openVote } = await import("../../src/app/open-vote.js");
    expect((await openVote(h.ctx, { actor: chair, applicationId: id })).round).toBe(2);
    await refused(openVote(h.ctx, { actor: chair, applicationId: id }), "invalid_transition");
  });

  it("closes a vote at its deadline (the scheduler's job) and denies on a tie", async () => {
    const { id } = await submitApplication(h.ctx, { actor: applicant, answers: answers() });
    await reviewIntake(h.ctx, { actor: director, applicationId: id, decision: "accept" });
    for (const [i, c] of (["approve", "approve", "deny", "deny"] as const).entries())
      await castVote(h.ctx, { actor: commissioners[i]!, applicationId: id, choice: c, source: "button" });
    const { closeDueVotes } = await import("../../src/app/close-vote.js");
    expect(await closeDueVotes(h.ctx)).toBe(0);
    h.now.value = new Date(h.now.value.getTime() + 15 * 24 * 3600_000);
    await refused(castVote(h.ctx, { actor: commissioners[4]!, applicationId: id, choice: "approve", source: "button" }), "vote_closed");
    expect(await closeDueVotes(h.ctx)).toBe(1);
    expect((await h.db.store.db.application.findUniqueOrThrow({ where: { id } })).status).toBe("commission_denied");
    const audit = await h.db.store.db.auditEntry.findFirstOrThrow({ where: { applicationId: id, action: "vote_closed" } });
    expect(audit).toMatchObject({ actorId: "system", actorRole: "system" });
  });

  it("withdrawal stops everything, and lists show each role its queue", async () => {
    const a = await submitApplication(h.ctx, { actor: applicant, answers: answers() });
    const b = await submitApplication(h.ctx, { actor: applicant, answers: { ...answers(), proposedCity: "Paimpol", country: "France" } });
    await reviewIntake(h.ctx, { actor: director, applicationId: b.id, decision: "accept" });
    await withdrawApplication(h.ctx, { actor: applicant, applicationId: b.id });
    await refused(castVote(h.ctx, { actor: commissioners[0]!, applicationId: b.id, choice: "approve", source: "button" }), "invalid_transition");
    const queue = (await listApplications(h.ctx, { actor: director, scope: "queue" })).map(cardText).join("\n");
    expect(queue).toContain(`${a.number} · \u2068Sopot\u2069`);
    expect(queue).not.toContain("Paimpol");
    const mine = (await listApplications(h.ctx, { actor: applicant, scope: "mine" })).map(cardText).join("\n");
    expect(mine).toContain("Withdrawn by the applicant");
  });
});
