import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pgSkipNotice, providers } from "../support/databases.js";
import { sopot } from "../support/fixtures.js";
import { button, CHANNEL, cardOf, cardText, dialogCard, dialogMessage, invokeCard, pressData, startTeamsRig, TEAM_ID, U, type TeamsRig, type TeamsUser } from "./teams-rig.js";

type J = Record<string, unknown>;

const skip = pgSkipNotice();
if (skip) describe.skip(skip, () => it("needs PostgreSQL"));

const answers: Record<string, string> = Object.fromEntries(
  Object.entries(sopot).map(([k, v]) => [k, Array.isArray(v) ? v.join(",") : String(v)]),
);

describe.each(providers())("Teams on %s: the whole workflow through /api/messages", (provider) => {
  let rig: TeamsRig;
  beforeEach(async () => {
    rig = await startTeamsRig(provider);
  });
  afterEach(async () => {
    expect(rig.cardProblems()).toEqual([]);
    await rig.close();
  });

  const db = () => rig.bot.store.db;
  const personal = (u: TeamsUser) => `a:personal-${u.id.slice(3)}`;
  const lastPost = (conversationId: string) => rig.fake.posts(conversationId).at(-1)!;
  const snapshot = async () => ({ apps: await db().application.findMany(), votes: await db().vote.findMany(), audit: await db().auditEntry.count() });

  it("apply → return → resubmit in the chat → accept → votes (buttons, a reaction that changes one, a recusal in a dialog) → close → council → agreement", async () => {
    // The app is installed in the team: every channel of the team can be posted to from now on.
    rig.fake.teamChannels = [{ id: TEAM_ID, name: "General" }, { id: CHANNEL, name: "Commission" }];
    await rig.install("team");
    expect(await db().conversationRef.findUnique({ where: { platform_key: { platform: "teams", key: `channel:${CHANNEL}` } } })).toMatchObject({ conversationId: CHANNEL });
    await rig.install(U.clerk);
    // The director has only ever spoken in the channel: the intake card needs a new 1:1 chat.
    await rig.say(U.director, "help", "channel");
    expect(cardText(cardOf(lastPost(CHANNEL).body))).toContain("status SC-0001");

    // Apply: "apply" answers with the in-chat form; its button opens the one-page dialog.
    await rig.say(U.applicant, "apply");
    const firstStep = cardOf(lastPost(personal(U.applicant)).body);
    expect(cardText(firstStep)).toContain("1. The city");
    const opened = await rig.openDialog(U.applicant, button(firstStep, "Open as one form").data as J);
    const form = dialogCard(opened.body);
    expect(cardText(form)).toContain("3. People and plan");

    // An invalid submission keeps the dialog open with the message at the field and the typed values; nothing is stored.
    const before = await snapshot();
    const bad = await rig.submitDialog(U.applicant, pressData(form, "Submit", { proposedCity: "Sopot", population: "lots" }));
    expect((bad.body?.task as J).type).toBe("continue");
    const badCard = cardText(dialogCard(bad.body));
    expect(badCard).toContain("Population must be a number.");
    expect(badCard).toContain("[Proposed sister city=Sopot]");
    expect(await snapshot()).toEqual(before);

    const ok = await rig.submitDialog(U.applicant, pressData(form, "Submit", answers));
    expect(dialogMessage(ok.body)).toContain("SC-0001 submitted");
    // One confirmation: the dialog's; nothing else is posted to the applicant about it.
    expect(rig.fake.posts(personal(U.applicant)).map((p) => cardText(cardOf(p.body))).join("\n")).not.toContain("submitted");
    expect(rig.fake.created().map((c) => (c.body.members as J[])[0]!.id)).toEqual(["29:director"]);
    const intakePost = rig.fake.posts(personal(U.director))[0]!;
    const intake = { conversationId: intakePost.conversationId!, messageId: rig.fake.idOf(intakePost) };
    expect(cardText(cardOf(intakePost.body))).toContain("(Accept for commission)");

    // The director returns it: the Return button opens a dialog asking for the reason.
    const returnDialog = dialogCard((await rig.openDialog(U.director, button(cardOf(intakePost.body), "Return to applicant").data as J)).body);
    const emptyReason = await rig.submitDialog(U.director, pressData(returnDialog, "Return", { reason: "" }));
    expect(cardText(dialogCard(emptyReason.body))).toContain("Give a reason");
    const returned = await rig.submitDialog(U.director, pressData(returnDialog, "Return", { reason: "Please add the budget breakdown." }));
    expect(dialogMessage(returned.body)).toContain("returned");
    expect(cardText(cardOf(lastPost(personal(U.applicant)).body))).toContain("Please add the budget breakdown.");
    expect(cardText(cardOf(rig.fake.latest(intake.conversationId, intake.messageId)))).not.toContain("(Accept for commission)");

    // The applicant edits it step by step in the chat (no dialog), changing the budget on the last step.
    await rig.say(U.applicant, "status SC-0001");
    const statusPost = lastPost(personal(U.applicant));
    const onStatus = { conversationId: statusPost.conversationId!, messageId: rig.fake.idOf(statusPost) };
    let step = invokeCard((await rig.click(U.applicant, "app.edit", { applicationId: 1 }, onStatus)).body);
    expect(cardText(step)).toContain("Returned by the director: Please add the budget breakdown.");
    expect(cardText(step)).toContain("[Proposed sister city=Sopot]");
    for (const title of ["1. The city", "2. The relationship"]) {
      expect(cardText(step)).toContain(title);
      step = invokeCard((await rig.click(U.applicant, "form.submit", pressData(step, "Next"), onStatus)).body);
    }
    expect(cardText(step)).toContain("3. People and plan");
    const done = invokeCard((await rig.click(U.applicant, "form.submit", pressData(step, "Submit", { budgetUsd: "6000" }), onStatus)).body);
    expect(cardText(done)).toContain("SC-0001 submitted");
    const versions = await db().applicationVersion.findMany({ orderBy: { version: "asc" } });
    expect(versions.map((v) => (v.data as { budgetUsd: number }).budgetUsd)).toEqual([4500, 6000]);

    // Accept: the clicker's card is replaced at once, and the commission card goes to the channel.
    const accepted = invokeCard((await rig.click(U.director, "intake.accept", { applicationId: 1 }, intake)).body);
    expect(cardText(accepted)).toContain("With the Community Services Commission");
    const commissionPost = rig.fake.posts(CHANNEL).find((p) => cardText(cardOf(p.body)).includes("(Approve)"))!;
    const card = { conversationId: CHANNEL, messageId: rig.fake.idOf(commissionPost) };
    expect(await db().messageRef.findFirst({ where: { kind: "commission", platform: "teams" } })).toMatchObject({ conversationId: CHANNEL, messageId: card.messageId });
    const live = () => cardText(cardOf(rig.fake.latest(card.conversationId, card.messageId)));
    const updates = () => rig.fake.updates(CHANNEL, card.messageId).length;

    // Votes by button: the clicker sees the new tally at once, and everyone's copy is updated (PUT).
    let u = updates();
    const vote1 = await rig.click(U.comm1, "vote.approve", { applicationId: 1 }, card, "f:vote-comm1");
    expect(vote1.ms).toBeLessThan(2500); // Teams gives an invoke 5 s
    const v1 = invokeCard(vote1.body);
    expect(cardText(v1)).toContain("Approve 1 · Deny 0");
    expect(updates()).toBeGreaterThan(u);
    expect(live()).toContain("Approve 1 · Deny 0");

    // The same invoke again (Teams retrying) is counted once.
    const audit = await db().auditEntry.count();
    const again = invokeCard((await rig.click(U.comm1, "vote.approve", { applicationId: 1 }, card, "f:vote-comm1")).body);
    expect(cardText(again)).toContain("Approve 1 · Deny 0");
    expect(await db().auditEntry.count()).toBe(audit);
    expect(await db().vote.count()).toBe(1);

    await rig.click(U.comm2, "vote.deny", { applicationId: 1 }, card);
    expect(live()).toContain("Approve 1 · Deny 1");
    u = updates();
    await rig.react(U.comm2, "like", card.messageId); // 👍 changes Ben's deny into an approval
    expect(updates()).toBeGreaterThan(u);
    expect(live()).toContain("Approve 2 · Deny 0");

    // A recusal needs a reason: the Recuse button opens a dialog.
    const recuseOpen = await rig.openDialog(U.comm3, button(cardOf(commissionPost.body), "Recuse").data as J, "channel");
    const recuse = dialogCard(recuseOpen.body);
    const noReason = await rig.submitDialog(U.comm3, pressData(recuse, "Recuse", { reason: " " }), "channel");
    expect(cardText(dialogCard(noReason.body))).toContain("Give the reason for the recusal.");
    expect(dialogMessage((await rig.submitDialog(U.comm3, pressData(recuse, "Recuse", { reason: "Owns a business in Sopot" }), "channel")).body)).toContain("recusal");

    await rig.click(U.chair, "vote.approve", { applicationId: 1 }, card);
    await rig.click(U.comm4, "vote.abstain", { applicationId: 1 }, card);
    expect(live()).toContain("Approve 3 · Deny 0 · Abstain 1 · Recused 1");
    expect(live()).toContain("Chen Wei — Recuse (Owns a business in Sopot)");
    expect(live()).toContain("Not voted yet: Eitan Levi, Fatima Noor");

    // Someone who is not a commissioner is refused, by button and by reaction, and nothing changes.
    const mid = await snapshot();
    const refusedClick = await rig.click(U.applicant, "vote.approve", { applicationId: 1 }, card);
    expect(refusedClick.body).toEqual({ statusCode: 200, type: "application/vnd.microsoft.activity.message", value: "Only a commissioner or the commission chair can do that." });
    await rig.react(U.stranger, "like", card.messageId);
    expect(await snapshot()).toEqual(mid);
    const told = rig.fake.posts(personal(U.stranger)).at(-1);
    expect(cardText(cardOf(told?.body))).toContain("Your reaction was not counted as a vote: Only a commissioner");

    // The chair closes the vote.
    const closed = invokeCard((await rig.click(U.chair, "vote.close", { applicationId: 1 }, card)).body);
    expect(cardText(closed)).toContain("The Commission APPROVED");
    expect(live()).toContain("The Commission APPROVED");
    expect(live()).toContain("Roll call");
    expect(live()).not.toContain("(Approve)");

    // Council date, council decision and agreement: the clerk's status card opens a dialog for each.
    const clerkStatus = async () => {
      await rig.say(U.clerk, "status SC-0001");
      return cardOf(lastPost(personal(U.clerk)).body);
    };
    const dialogFor = async (title: string) => dialogCard((await rig.openDialog(U.clerk, button(await clerkStatus(), title).data as J)).body);
    const dateForm = await dialogFor("Set council date");
    expect(dialogMessage((await rig.submitDialog(U.clerk, pressData(dateForm, "Save", { meetingDate: "2027-04-15" }))).body)).toContain("Apr 15, 2027");
    const decision = await dialogFor("Record council decision");
    const maybe = await rig.submitDialog(U.clerk, pressData(decision, "Record", { meetingDate: "2027-04-15", decision: "maybe" }));
    expect(cardText(dialogCard(maybe.body))).toContain("Choose adopted or rejected.");
    expect(dialogMessage((await rig.submitDialog(U.clerk, pressData(decision, "Record", { meetingDate: "2027-04-15", decision: "adopted", resolution: "2027-31" }))).body)).toContain("recorded");
    const agreement = await dialogFor("Record signed agreement");
    const signed = { signedOn: "2027-06-01", ourMayor: "Maria Alegria", theirMayor: "Jacek Karnowski", documentUrl: "https://example.org/agreement.pdf" };
    expect(dialogMessage((await rig.submitDialog(U.clerk, pressData(agreement, "Record", signed))).body)).toContain("recorded");

    await rig.say(U.applicant, "status SC-0001");
    const final = cardText(cardOf(lastPost(personal(U.applicant)).body));
    expect(final).toContain("Sister City relationship established");
    expect(final).toContain("resolution 2027-31");
    expect(final).toContain("Agreement signed Jun 1, 2027 by Maria Alegria and Jacek Karnowski");

    const actions = (await db().auditEntry.findMany({ where: { applicationId: 1 }, orderBy: { id: "asc" } })).map((a) => a.action);
    expect(actions).toEqual([
      "submitted", "intake_return", "draft_saved", "draft_saved", "resubmitted", "intake_accept", "vote_opened",
      "vote_cast", "vote_cast", "vote_changed", "vote_cast", "vote_cast", "vote_cast", "vote_closed",
      "council_scheduled", "council_adopted", "agreement_signed",
    ]);
    const sources = (await db().vote.findMany({ orderBy: { id: "asc" } })).map((v) => v.source);
    expect(sources).toEqual(["button", "reaction", "button", "button", "button"]);
    // Everything that fell due went out.
    expect(await db().delivery.count({ where: { status: { in: ["pending", "sending", "failed"] }, dueAt: { lte: rig.now.value } } })).toBe(0);
  });
});
