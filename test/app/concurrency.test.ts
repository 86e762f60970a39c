import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { castVote } from "../../src/app/cast-vote.js";
import { closeVote } from "../../src/app/close-vote.js";
import { reviewIntake } from "../../src/app/review-intake.js";
import { submitApplication } from "../../src/app/submit-application.js";
import { answersFromForm } from "../../src/views/application-form.js";
import { pgSkipNotice, providers } from "../support/databases.js";
import { applicant, director, slackUser, sopot, testPolicy } from "../support/fixtures.js";
import { createHarness, type Harness } from "../support/harness.js";

const skip = pgSkipNotice();
if (skip) describe.skip(skip, () => it("needs PostgreSQL"));

// A 50-member commission (larger than any real one) so 50 different members can vote at the same moment.
const members = Array.from({ length: 50 }, (_, i) => ({ id: `m${i}`, name: `Member ${i}`, roles: ["commissioner"], slack: `UM${String(i).padStart(3, "0")}` }));
const policy = testPolicy({ people: [{ id: "dana", name: "Dana Director", roles: ["director"], slack: "UDIRECTOR" }, ...members] });

describe.each(providers())("concurrent votes on %s", (provider) => {
  let h: Harness;
  let id: number;
  beforeEach(async () => {
    h = await createHarness(provider, { policy });
    ({ id } = await submitApplication(h.ctx, { actor: applicant, answers: answersFromForm({ ...sopot }) }));
    await reviewIntake(h.ctx, { actor: director, applicationId: id, decision: "accept" });
  });
  afterEach(async () => {
    await h.close();
  });

  it("50 members voting at once: exact tally and 50 audit rows", async () => {
    const choice = (i: number) => (i % 5 === 0 ? "deny" : i % 7 === 0 ? "abstain" : "approve");
    const results = await Promise.all(members.map((m, i) => castVote(h.ctx, { actor: slackUser(m.slack), applicationId: id, choice: choice(i), source: "button" })));
    expect(results.every((r) => r.changed)).toBe(true);
    const expected = { approve: 0, deny: 0, abstain: 0 };
    members.forEach((_, i) => expected[choice(i)]++);
    const { outcome } = await closeVote(h.ctx, { actor: director, applicationId: id });
    expect(outcome).toBe("approved");
    const round = await h.db.store.db.voteRound.findFirstOrThrow({ where: { applicationId: id } });
    const roll = round.rollCall as { choice: string }[];
    expect(roll.filter((r) => r.choice === "approve")).toHaveLength(expected.approve);
    expect(roll.filter((r) => r.choice === "deny")).toHaveLength(expected.deny);
    expect(roll.filter((r) => r.choice === "abstain")).toHaveLength(expected.abstain);
    expect(await h.db.store.db.vote.count()).toBe(50);
    expect(await h.db.store.db.auditEntry.count({ where: { action: "vote_cast" } })).toBe(50);
  });

  it("one member double-clicking 10 times at once is counted once", async () => {
    const voter = slackUser(members[0]!.slack);
    const results = await Promise.all(Array.from({ length: 10 }, () => castVote(h.ctx, { actor: voter, applicationId: id, choice: "approve", source: "button" })));
    expect(results.filter((r) => r.changed)).toHaveLength(1);
    expect(await h.db.store.db.vote.count()).toBe(1);
    expect(await h.db.store.db.auditEntry.count({ where: { action: { startsWith: "vote_c" }, NOT: { action: "vote_closed" } } })).toBe(1);
  });

  it("a vote racing the close is either in the roll call or refused, never lost in between", async () => {
    const outcomes = await Promise.allSettled([
      ...members.slice(0, 20).map((m) => castVote(h.ctx, { actor: slackUser(m.slack), applicationId: id, choice: "approve", source: "button" })),
      closeVote(h.ctx, { actor: director, applicationId: id }),
    ]);
    const accepted = outcomes.slice(0, 20).filter((o) => o.status === "fulfilled").length;
    const round = await h.db.store.db.voteRound.findFirstOrThrow({ where: { applicationId: id } });
    const inRollCall = (round.rollCall as { choice: string }[]).filter((r) => r.choice === "approve").length;
    expect(inRollCall).toBe(accepted);
    expect(await h.db.store.db.vote.count()).toBe(accepted);
  });
});
