// Card copies after a vote: unchanged copies are not rewritten, one failing copy does not stop the others, and a
// failed copy is retried when the platform's Retry-After says.
import { afterEach, describe, expect, it } from "vitest";
import { castVote } from "../../src/app/cast-vote.js";
import { REFRESH_RETRY_MS } from "../../src/app/refresh-cards.js";
import { reviewIntake } from "../../src/app/review-intake.js";
import { sendDueDeliveries } from "../../src/app/send-due-deliveries.js";
import { submitApplication } from "../../src/app/submit-application.js";
import { answersFromForm } from "../../src/views/application-form.js";
import { applicant, commissioners, director, sopot } from "../support/fixtures.js";
import { createHarness, type Harness } from "../support/harness.js";
import { cardText } from "../support/recording-platform.js";

describe("card updates", () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  async function inCommission(): Promise<number> {
    const { id } = await submitApplication(h.ctx, { actor: applicant, answers: answersFromForm({ ...sopot }) });
    await reviewIntake(h.ctx, { actor: director, applicationId: id, decision: "accept" });
    await h.settle();
    h.slack.updates = [];
    h.teams.updates = [];
    return id;
  }

  it("a vote rewrites the commission card only: the director's intake message did not change and is not sent again", async () => {
    h = await createHarness("sqlite", { platforms: ["slack"] });
    const id = await inCommission();
    await castVote(h.ctx, { actor: commissioners[0]!, applicationId: id, choice: "approve", source: "button" });
    await h.settle();
    const intake = await h.db.store.db.messageRef.findFirstOrThrow({ where: { kind: "intake" } });
    const commission = await h.db.store.db.messageRef.findFirstOrThrow({ where: { kind: "commission" } });
    expect(h.slack.updates.filter((u) => u.ref.messageId === intake.messageId)).toHaveLength(0);
    expect(h.slack.updates.filter((u) => u.ref.messageId === commission.messageId)).toHaveLength(1);
    // The same state again (a refresh with nothing new) sends nothing at all.
    h.ctx.after.refreshCards(id);
    await h.settle();
    expect(h.slack.updates).toHaveLength(1);
  });

  it("a copy refused with Retry-After is retried when it says, and the other platform's copy is updated anyway", async () => {
    h = await createHarness("sqlite", { platforms: ["slack", "teams"] });
    const id = await inCommission();
    h.slack.failNext(1, true, 2_000);
    await castVote(h.ctx, { actor: commissioners[0]!, applicationId: id, choice: "approve", source: "button" });
    await h.settle();
    expect(h.teams.updates).toHaveLength(1);
    expect(cardText(h.teams.updates[0]!.view)).toContain("Alma Reyes");
    const retry = await h.db.store.db.delivery.findFirstOrThrow({ where: { kind: "refresh", status: "pending" } });
    expect(retry.dueAt.getTime() - h.now.value.getTime()).toBe(2_000);
    expect(2_000).toBeLessThan(REFRESH_RETRY_MS);
    h.now.value = new Date(h.now.value.getTime() + 2_000);
    expect(await sendDueDeliveries(h.ctx)).toMatchObject({ sent: 1 });
    // Only the copy that failed is sent again: the Teams copy is already current.
    expect(h.slack.updates).toHaveLength(1);
    expect(h.teams.updates).toHaveLength(1);
    expect(cardText(h.slack.updates[0]!.view)).toContain("Alma Reyes");
  });
});
