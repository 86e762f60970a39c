// What applicants, commissioners and the chair meet in Teams, through /api/messages against the fake Bot Connector:
// every problem of a submission at once and each error once, one confirmation, the chair's own Close vote that asks
// first, and the whole application in a dialog.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FORM_STEPS } from "../../src/views/application-form.js";
import { sopot } from "../support/fixtures.js";
import { actionsOf, CHANNEL, cardOf, cardText, startTeamsRig, U, type Reply, type TeamsRig, type TeamsUser } from "./teams-rig.js";

type J = Record<string, unknown>;

const answers: Record<string, string> = Object.fromEntries(Object.entries(sopot).map(([k, v]) => [k, Array.isArray(v) ? v.join(",") : String(v)]));
const dialogCard = (r: Reply): J => (((r.body?.task as J).value as J).card as J).content as J;
const invokeCard = (r: Reply): J => {
  if (r.body?.type !== "application/vnd.microsoft.card.adaptive") throw new Error(`expected a card, got ${JSON.stringify(r.body)}`);
  return r.body.value as J;
};
const personal = (u: TeamsUser) => `a:personal-${u.id.slice(3)}`;
const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

describe("Teams: what applicants, commissioners and the chair meet", () => {
  let rig: TeamsRig;
  beforeEach(async () => {
    rig = await startTeamsRig();
  });
  afterEach(async () => {
    expect(rig.cardProblems()).toEqual([]);
    await rig.close();
  });
  const db = () => rig.bot.store.db;
  const openForm = async (who: TeamsUser) => dialogCard(await rig.openDialog(who, { msteams: { type: "task/fetch" }, formId: "application" }));
  const submitData = (form: J) => actionsOf(form).find((a) => a.title === "Submit")!.data as J;
  /** Submits and accepts an application; returns where the commission card is. */
  const toCommission = async () => {
    rig.fake.teamChannels = [{ id: CHANNEL }];
    await rig.install("team");
    await rig.install(U.director);
    await rig.submitDialog(U.applicant, { ...submitData(await openForm(U.applicant)), ...answers, firstYearPlan: `${"Exchange visits and a shared festival. ".repeat(45)}THE END` });
    const intake = rig.fake.posts(personal(U.director))[0]!;
    await rig.click(U.director, "intake.accept", { applicationId: 1 }, { conversationId: personal(U.director), messageId: rig.fake.idOf(intake) });
    const ref = await db().messageRef.findFirstOrThrow({ where: { kind: "commission", platform: "teams" } });
    return { conversationId: CHANNEL, messageId: ref.messageId };
  };

  it("the dialog reports every problem of a submission at once, each error once, and stores nothing", async () => {
    const form = await openForm(U.applicant);
    // A field that a "yes" makes required says so, instead of "(optional)".
    const labels = (form.body as J[]).filter((e) => String(e.type).startsWith("Input.")).map((e) => String(e.label));
    expect(labels).toContain("Which body of water? — required if near water");
    expect(labels).toContain("Link to the letter — required if a letter was sent");
    const bad = await rig.submitDialog(U.applicant, { ...submitData(form), ...answers, contactEmail: "not-an-email", waterBody: "", letterUrl: "", population: "lots" });
    const card = dialogCard(bad);
    const json = JSON.stringify(card);
    expect(cardText(card)).toContain("The application is not complete yet: 4 answers need fixing; see the marked fields.");
    for (const error of ["Population must be a number.", "required when the city is near water", "required when one was received", "email"]) expect(json, error).toContain(error);
    // Each message once: a red line under its input, not also as the input's errorMessage.
    expect(json).not.toContain("errorMessage");
    expect(count(json, "Population must be a number.")).toBe(1);
    expect(await db().application.count()).toBe(0);
  });

  it("the step-by-step card shows every problem at once on the last step, each once, with what was typed kept", async () => {
    await rig.say(U.applicant, "apply");
    const at = { conversationId: personal(U.applicant), messageId: rig.fake.idOf(rig.fake.posts(personal(U.applicant)).at(-1)!) };
    let step = cardOf(rig.fake.posts(personal(U.applicant)).at(-1)!.body);
    const press = (card: J, title: string, extra: J) => ({ ...(actionsOf(card).find((a) => a.title === title)!.data as J), ...extra });
    // Section 1 says near water but leaves the water body empty; section 2 says a letter came but gives no link.
    const of = (i: number, extra: J) => ({ ...Object.fromEntries(FORM_STEPS[i]!.fields.map((f) => [f, answers[f] ?? ""])), ...extra });
    step = invokeCard(await rig.click(U.applicant, "form.submit", press(step, "Next", of(0, { waterBody: "" })), at));
    step = invokeCard(await rig.click(U.applicant, "form.submit", press(step, "Next", of(1, { letterUrl: "" })), at));
    expect(cardText(step)).toContain("3. People and plan");
    const last = invokeCard(await rig.click(U.applicant, "form.submit", press(step, "Submit", of(2, { contactEmail: "nope" })), at));
    const json = JSON.stringify(last);
    // Every section on one card now, each problem marked once; the last section's typed answers are kept.
    expect(cardText(last)).toContain("The application is not complete yet: 3 answers need fixing");
    expect(cardText(last)).toContain("1. The city");
    expect(cardText(last)).toContain("[Contact's email=nope]");
    for (const e of ["required when the city is near water", "required when one was received", "email address"]) expect(count(json, e), e).toBe(1);
    expect(json).not.toContain("errorMessage");
    expect(await db().application.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ status: "draft" });
  });

  it("the council dialog says a missing decision once", async () => {
    const at = await toCommission();
    for (const u of [U.comm1, U.comm2, U.comm3, U.comm4]) await rig.click(u, "vote.approve", { applicationId: 1 }, at);
    await rig.click(U.chair, "vote.close", { applicationId: 1 }, at);
    const opened = dialogCard(await rig.openDialog(U.clerk, { msteams: { type: "task/fetch" }, action: "council.record", applicationId: 1 }));
    const submit = actionsOf(opened).find((a) => a.type === "Action.Submit")!.data as J;
    const bad = JSON.stringify(dialogCard(await rig.submitDialog(U.clerk, { ...submit, meetingDate: "2027-04-15", resolution: "2027-31" })));
    expect(count(bad, "Choose adopted or rejected.")).toBe(1);
  });

  it("Close vote is only on the chair's and the director's own copy, asks first, and stays the chair's", async () => {
    const at = await toCommission();
    // Everyone's copy: the vote buttons, no Close vote, and a refresh for the chair and the director.
    const shared = cardOf(rig.fake.latest(at.conversationId, at.messageId));
    expect(actionsOf(shared).map((a) => a.title)).toEqual(expect.arrayContaining(["Approve", "Deny", "Abstain", "Recuse"]));
    expect(actionsOf(shared).map((a) => a.title)).not.toContain("Close vote");
    expect(cardText(shared)).not.toContain("For the chair or the director");
    expect(shared.refresh).toEqual({ action: { type: "Action.Execute", title: "Refresh", verb: "card.refresh", data: {} }, userIds: ["29:chair", "29:director"] });

    // A commissioner's refresh shows no Close vote; the chair's does, and pressing it only asks.
    expect(actionsOf(invokeCard(await rig.click(U.comm1, "card.refresh", {}, at))).map((a) => a.title)).not.toContain("Close vote");
    const mine = invokeCard(await rig.click(U.chair, "card.refresh", {}, at));
    expect(cardText(mine)).toContain("For the chair or the director: closing ends the vote for everyone.");
    const close = actionsOf(mine).find((a) => a.title === "Close vote")!;
    expect(close).toMatchObject({ type: "Action.Execute", verb: "card.confirm", data: { action: "vote.close", applicationId: 1 } });
    const ask = invokeCard(await rig.click(U.chair, "card.confirm", close.data as J, at));
    expect(cardText(ask)).toContain("This ends the public vote on SC-0001 now");
    expect(actionsOf(ask).map((a) => [a.title, a.verb])).toEqual([
      ["Close vote", "vote.close"],
      ["Cancel", "card.refresh"],
    ]);
    expect(await db().voteRound.findFirstOrThrow()).toMatchObject({ closedAt: null });

    // Cancel brings the chair's card back; the vote is still open.
    expect(actionsOf(invokeCard(await rig.click(U.chair, "card.refresh", { applicationId: 1 }, at))).map((a) => a.title)).toContain("Close vote");
    // A commissioner who forges the confirm or the close is refused by the core, and nothing closes.
    expect(cardText(invokeCard(await rig.click(U.comm1, "card.confirm", { action: "vote.close", applicationId: 1 }, at)))).not.toContain("This ends the public vote");
    const forged = await rig.click(U.comm1, "vote.close", { applicationId: 1 }, at);
    expect(JSON.stringify(forged.body)).toMatch(/not allowed|only|chair/i);
    expect(await db().voteRound.findFirstOrThrow()).toMatchObject({ closedAt: null });

    for (const u of [U.comm1, U.comm2, U.comm3, U.comm4]) await rig.click(u, "vote.approve", { applicationId: 1 }, at);
    const closed = invokeCard(await rig.click(U.chair, "vote.close", { applicationId: 1 }, at));
    expect(cardText(closed)).toContain("The Commission APPROVED");
    expect((await db().voteRound.findFirstOrThrow()).closedAt).not.toBeNull();
  });

  it("View full application opens a dialog (task/fetch) with every answer in full", async () => {
    const at = await toCommission();
    const shared = cardOf(rig.fake.latest(at.conversationId, at.messageId));
    expect(cardText(shared)).not.toContain("THE END"); // the card clips long answers
    const view = actionsOf(shared).find((a) => a.title === "View full application")!;
    expect(view).toEqual({ type: "Action.Submit", title: "View full application", data: { msteams: { type: "task/fetch" }, action: "app.full", applicationId: 1 } });
    const opened = await rig.openDialog(U.comm1, view.data as J, "channel");
    expect(opened.ms).toBeLessThan(4000);
    expect(((opened.body?.task as J).value as J).title).toBe("Application SC-0001");
    const text = cardText(dialogCard(opened));
    expect(text).toContain("THE END");
    for (const label of ["1. The city", "Which body of water?\nBaltic Sea", "3. People and plan"]) expect(text).toContain(label);
    // Someone with no role in the program is told so, and sees nothing of it.
    const refused = await rig.openDialog(U.stranger, view.data as J, "channel");
    expect((refused.body?.task as J).type).toBe("message");
    expect(String((refused.body?.task as J).value)).toContain("only if you applied for it or hold a role");
  });
});
