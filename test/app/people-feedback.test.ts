// What applicants and commissioners read back from the core: every problem of a submission at once, conditional
// fields that say when they are required, and a closed vote's roll call that names every member.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { castVote } from "../../src/app/cast-vote.js";
import { closeVote } from "../../src/app/close-vote.js";
import { reviewIntake } from "../../src/app/review-intake.js";
import { submitApplication } from "../../src/app/submit-application.js";
import { DomainError } from "../../src/domain/errors.js";
import { answersFromForm, applicationForm } from "../../src/views/application-form.js";
import { inputLabel, type Block } from "../../src/views/model.js";
import { providers } from "../support/databases.js";
import { applicant, chair, commissioners, director, sopot } from "../support/fixtures.js";
import { createHarness, type Harness } from "../support/harness.js";
import { cardText } from "../support/recording-platform.js";

describe.each(providers())("what people read back, on %s", (provider) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(provider);
  });
  afterEach(async () => {
    await h.close();
  });

  it("a submission reports every problem at once — format, missing and conditional — and stores nothing", async () => {
    const answers = answersFromForm({ ...sopot, contactEmail: "not-an-email", waterBody: "", letterUrl: "", firstYearPlan: "", population: "lots" });
    const e = (await submitApplication(h.ctx, { actor: applicant, answers }).catch((x: unknown) => x)) as DomainError;
    expect(e).toBeInstanceOf(DomainError);
    expect(Object.keys(e.fieldErrors).sort()).toEqual(["contactEmail", "firstYearPlan", "letterUrl", "population", "waterBody"]);
    expect(e.fieldErrors.waterBody).toMatch(/required when the city is near water/);
    expect(e.fieldErrors.letterUrl).toMatch(/required when one was received/);
    expect(e.fieldErrors.contactEmail).toMatch(/email/);
    expect(e.userMessage).toBe("The application is not complete yet: 5 answers need fixing; see the marked fields.");
    expect(await h.db.store.db.application.count()).toBe(0);
    expect(await h.db.store.db.auditEntry.count()).toBe(0);
  });

  it("the closed card's roll call names every member, those absent too", async () => {
    const { id } = await submitApplication(h.ctx, { actor: applicant, answers: answersFromForm(sopot) });
    await reviewIntake(h.ctx, { actor: director, applicationId: id, decision: "accept" });
    for (const c of commissioners.slice(0, 4)) await castVote(h.ctx, { actor: c, applicationId: id, choice: "approve", source: "button" });
    await closeVote(h.ctx, { actor: chair, applicationId: id });
    await h.settle();
    const card = cardText(h.slack.latest(h.slack.to("CCOMMISSION")[0]!.handle));
    expect(card).toContain("Roll call (vote 1, closed");
    const absent = (await h.db.store.db.voteRound.findFirstOrThrow({ where: { applicationId: id } })).rollCall as { name: string; choice: string }[];
    const missing = absent.filter((r) => r.choice === "absent").map((r) => r.name);
    expect(missing.length).toBeGreaterThan(0);
    for (const name of missing) expect(card).toContain(`${name} — Absent (did not vote)`);
  });
});

describe("conditional fields", () => {
  it("say when they are required instead of looking optional", () => {
    const inputs = applicationForm({ draft: {}, cityName: "Pinole" }).blocks.flatMap((b: Block) => (b.type === "input" ? [b.input] : []));
    const label = (name: string) => inputLabel(inputs.find((i) => i.name === name)!);
    expect(label("waterBody")).toBe("Which body of water? — required if near water");
    expect(label("letterUrl")).toBe("Link to the letter — required if a letter was sent");
  });
});
