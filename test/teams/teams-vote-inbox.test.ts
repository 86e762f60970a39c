// Votes through Teams' protocol (Action.Execute invokes): the clicker's card shows their vote at once, everyone's
// copy is updated in place, and a burst of 50 votes gives a few updates per copy with the last one exact.
import { afterEach, describe, expect, it } from "vitest";
import { REFRESH_GAP_MS } from "../../src/app/background.js";
import { reviewIntake } from "../../src/app/review-intake.js";
import { submitApplication } from "../../src/app/submit-application.js";
import { answersFromForm } from "../../src/views/application-form.js";
import { applicant, director, sopot, testPolicy } from "../support/fixtures.js";
import { CHANNEL, TEAM_ID, cardOf, cardText, startTeamsRig, U, type TeamsRig, type TeamsUser } from "./teams-rig.js";

type J = Record<string, unknown>;
const invokeCard = (body: J | null): J => {
  if (body?.type !== "application/vnd.microsoft.card.adaptive") throw new Error(`expected a card, got ${JSON.stringify(body)}`);
  return body.value as J;
};
const MEMBERS: TeamsUser[] = Array.from({ length: 50 }, (_, i) => ({ id: `29:m${i}`, name: `Member ${i}`, aadObjectId: `00000000-0000-4000-9000-${String(i).padStart(12, "0")}` }));

describe("Teams votes through the inbox", () => {
  let rig: TeamsRig;
  afterEach(async () => {
    expect(rig.cardProblems()).toEqual([]);
    await rig.close();
  });

  async function commissionCard(): Promise<{ conversationId: string; messageId: string }> {
    const { id } = await submitApplication(rig.bot.ctx, { actor: applicant, answers: answersFromForm({ ...sopot }) });
    await reviewIntake(rig.bot.ctx, { actor: director, applicationId: id, decision: "accept" });
    await rig.bot.idle();
    const ref = await rig.bot.store.db.messageRef.findFirstOrThrow({ where: { kind: "commission", platform: "teams" } });
    return { conversationId: ref.conversationId, messageId: ref.messageId };
  }

  it("the clicker's card says what they voted; everyone's copy shows the tally without it", async () => {
    rig = await startTeamsRig();
    rig.fake.teamChannels = [{ id: TEAM_ID, name: "General" }, { id: CHANNEL, name: "Commission" }];
    await rig.install("team");
    const card = await commissionCard();
    const mine = invokeCard((await rig.click(U.comm1, "vote.deny", { applicationId: 1 }, card, "f:deny-1")).body);
    expect(cardText(mine)).toContain("You voted Deny on SC-0001.");
    expect(cardText(mine)).toContain("Approve 0 · Deny 1");
    const everyone = cardText(cardOf(rig.fake.latest(card.conversationId, card.messageId)));
    expect(everyone).toContain("Approve 0 · Deny 1");
    expect(everyone).not.toContain("You voted");
    expect(await rig.bot.store.db.vote.findMany({ select: { personId: true, choice: true, source: true } })).toEqual([{ personId: "cam1", choice: "deny", source: "button" }]);
    // Someone who may not vote is refused, and their card is not changed.
    const refused = await rig.click(U.applicant, "vote.approve", { applicationId: 1 }, card, "f:applicant");
    expect(JSON.stringify(refused.body)).toContain("Only a commissioner");
    expect(await rig.bot.store.db.vote.count()).toBe(1);
  });

  it("a burst of 50 votes gives at most 10 updates of the channel's card, the last one exact", async () => {
    const policy = testPolicy({ people: [{ id: "dana", name: "Dana Director", roles: ["director"], slack: "UDIRECTOR", teams: "29:director" }, ...MEMBERS.map((m, i) => ({ id: `m${i}`, name: m.name, roles: ["commissioner"], teams: m.id }))] });
    rig = await startTeamsRig("sqlite", { policy, refreshGapMs: REFRESH_GAP_MS });
    rig.fake.teamChannels = [{ id: TEAM_ID, name: "General" }, { id: CHANNEL, name: "Commission" }];
    await rig.install("team");
    const card = await commissionCard();
    const before = rig.fake.updates(CHANNEL, card.messageId).length;
    const answers = await Promise.all(MEMBERS.map((m, i) => rig.click(m, i % 5 === 0 ? "vote.deny" : "vote.approve", { applicationId: 1 }, card, `f:burst-${i}`)));
    expect(answers.every((a) => cardText(invokeCard(a.body)).includes("You voted"))).toBe(true);
    await rig.bot.idle();
    const updates = rig.fake.updates(CHANNEL, card.messageId).slice(before);
    expect(updates.length).toBeGreaterThan(0);
    expect(updates.length).toBeLessThanOrEqual(10);
    const last = cardText(cardOf(rig.fake.latest(card.conversationId, card.messageId)));
    expect(last).toContain("Approve 40 · Deny 10");
    expect(await rig.bot.store.db.vote.count()).toBe(50);
  });
});
