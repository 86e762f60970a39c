// Teams, where the Slack surface's points apply too: an old Return / Reject button is refused at the click.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sopot, testPolicy } from "../support/fixtures.js";
import { actionsOf, cardOf, cardText, startTeamsRig, U, type Reply, type TeamsRig, type TeamsUser } from "./teams-rig.js";

type J = Record<string, unknown>;

const answers: Record<string, string> = Object.fromEntries(Object.entries(sopot).map(([k, v]) => [k, Array.isArray(v) ? v.join(",") : String(v)]));
const dialogCard = (r: Reply): J => (((r.body?.task as J).value as J).card as J).content as J;
const dialogText = (r: Reply): string => String((r.body?.task as J).value);
const personal = (u: TeamsUser) => `a:personal-${u.id.slice(3)}`;

describe("Teams surface", () => {
  let rig: TeamsRig;
  beforeEach(async () => {
    rig = await startTeamsRig();
  });
  afterEach(async () => {
    expect(rig.cardProblems()).toEqual([]);
    await rig.close();
  });

  const submitApplication = async (who: TeamsUser) => {
    const opened = dialogCard(await rig.openDialog(who, { msteams: { type: "task/fetch" }, formId: "application" }));
    const submit = actionsOf(opened).find((a) => a.title === "Submit")!;
    return rig.submitDialog(who, { ...(submit.data as J), ...answers });
  };

  it("an old Return or Reject button is refused at the click, in a dialog and in the chat", async () => {
    await rig.install(U.director);
    await submitApplication(U.applicant);
    const intake = { conversationId: personal(U.director), messageId: rig.fake.idOf(rig.fake.posts(personal(U.director))[0]!) };

    // A commissioner pressing Reject: refused before the dialog opens.
    const notDirector = await rig.openDialog(U.comm1, { msteams: { type: "task/fetch" }, action: "intake.reject", applicationId: 1 });
    expect(dialogText(notDirector)).toContain("Only the Community Services Director can do that.");

    await rig.click(U.director, "intake.accept", { applicationId: 1 }, intake);
    for (const old of ["intake.return", "intake.reject"]) {
      // task/fetch (clients with dialogs): a message instead of the reason form.
      const dialog = await rig.openDialog(U.director, { msteams: { type: "task/fetch" }, action: old, applicationId: 1 });
      expect(dialogText(dialog)).toContain("That can't be done now: only a submitted application can be");
      // A Universal Action (clients without dialogs): a message, not the form in place of the card.
      const inPlace = await rig.click(U.director, old, { applicationId: 1 }, intake);
      expect(JSON.stringify(inPlace.body)).toContain("That can't be done now");
      expect(JSON.stringify(inPlace.body)).not.toContain("Why is it");
    }
    expect((await rig.bot.store.db.application.findUniqueOrThrow({ where: { id: 1 } })).status).toBe("commission_review");
  });

  it("the application dialog asks for the contact's e-mail and the letter's link with Teams' e-mail and URL inputs", async () => {
    const form = dialogCard(await rig.openDialog(U.applicant, { msteams: { type: "task/fetch" }, formId: "application" }));
    const inputs: J[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) return v.forEach(walk);
      if (!v || typeof v !== "object") return;
      const o = v as J;
      if (o.type === "Input.Text") inputs.push(o);
      for (const k of ["body", "items", "columns"]) if (k in o) walk(o[k]);
    };
    walk(form);
    expect(inputs.find((i) => i.id === "contactEmail")).toMatchObject({ style: "Email" });
    expect(inputs.find((i) => i.id === "letterUrl")).toMatchObject({ style: "Url" });
    expect(inputs.find((i) => i.id === "proposedCity")).not.toHaveProperty("style");
    // The server still checks: a bad address keeps the dialog open with the message.
    const submit = actionsOf(form).find((a) => a.title === "Submit")!;
    const bad = await rig.submitDialog(U.applicant, { ...(submit.data as J), ...answers, contactEmail: "nope" });
    expect(JSON.stringify(dialogCard(bad))).toContain("must be an email address");
    expect(await rig.bot.store.db.application.count()).toBe(0);
  });

  it("what the bot tells a person to type is the words of the command, as typed in Teams", async () => {
    await rig.install(U.applicant);
    // The one confirmation is the dialog's closing message.
    const notice = String(((await submitApplication(U.applicant)).body?.task as J).value);
    expect(notice).toContain('Use "status SC-0001" to follow it.');
    expect(notice).toContain("is with the Community Services Director");
    expect(notice).not.toContain("/sistercity");
  });

  it("meeting mode: a past meeting time is refused in the dialog naming the time zone; a late vote in the past tense", async () => {
    await rig.close();
    rig = await startTeamsRig("sqlite", { policy: testPolicy({ commission: { ...testPolicy().commission, votingMode: "meeting" } }) });
    rig.now.value = new Date("2027-03-01T17:00:00Z");
    await rig.install(U.director);
    await submitApplication(U.applicant);
    const intake = { conversationId: personal(U.director), messageId: rig.fake.idOf(rig.fake.posts(personal(U.director))[0]!) };
    await rig.click(U.director, "intake.accept", { applicationId: 1 }, intake);
    const meeting = { meetingDate: "2027-03-11", meetingTime: "19:00", agendaItem: "4.B", agendaPostedDate: "2027-03-08", agendaPostedTime: "17:00" };
    const schedule = async () => {
      const form = dialogCard(await rig.openDialog(U.director, { msteams: { type: "task/fetch" }, action: "meeting.schedule", applicationId: 1 }));
      const submit = actionsOf(form).find((a) => a.title === "Schedule")!;
      return rig.submitDialog(U.director, { ...(submit.data as J), ...meeting });
    };

    rig.now.value = new Date("2027-03-12T04:00:00Z"); // 8 PM on the 11th in Pinole
    expect(cardText(dialogCard(await schedule()))).toContain("is in the past (it is now Mar 11, 2027, 8:00 PM PST, times in America/Los_Angeles)");
    expect(await rig.bot.store.db.meetingItem.count()).toBe(0);

    rig.now.value = new Date("2027-03-01T18:00:00Z");
    await schedule();
    expect(await rig.bot.store.db.meetingItem.count()).toBe(1);
    rig.now.value = new Date("2027-03-12T03:20:00Z"); // 7:20 PM at the meeting
    await rig.click(U.chair, "vote.open", { applicationId: 1 });
    await rig.click(U.comm1, "vote.approve", { applicationId: 1 });
    rig.now.value = new Date("2027-03-12T09:30:00Z"); // after the window
    const late = await rig.click(U.comm5, "vote.approve", { applicationId: 1 });
    expect(JSON.stringify(late.body)).toContain("Votes on SC-0001 were taken at the meeting on Mar 11, 2027, 7:00 PM PST (agenda item 4.B); that vote has closed.");
    expect(await rig.bot.store.db.vote.count()).toBe(1);
  });

  it("status after return → resubmit shows each changed answer before → after", async () => {
    await rig.install(U.director);
    await submitApplication(U.applicant);
    const reasonForm = dialogCard(await rig.openDialog(U.director, { msteams: { type: "task/fetch" }, action: "intake.return", applicationId: 1 }));
    await rig.submitDialog(U.director, { ...(actionsOf(reasonForm).find((a) => a.title === "Return")!.data as J), reason: "Say what happens in the first year." });
    const edit = dialogCard(await rig.openDialog(U.applicant, { msteams: { type: "task/fetch" }, action: "app.edit", applicationId: 1 }));
    const plan = "Mayors exchange letters in spring; a Sopot jazz trio plays the Pinole summer concert series in July.";
    await rig.submitDialog(U.applicant, { ...(actionsOf(edit).find((a) => a.title === "Submit")!.data as J), ...answers, firstYearPlan: plan });
    expect((await rig.bot.store.db.application.findUniqueOrThrow({ where: { id: 1 } })).status).toBe("submitted");

    await rig.say(U.applicant, "status SC-0001");
    const status = cardText(cardOf(rig.fake.posts(personal(U.applicant)).at(-1)!.body));
    expect(status).toContain("First-year plan — version 1");
    expect(status).toContain(sopot.firstYearPlan);
    expect(status).toContain("First-year plan — version 2");
    expect(status).toContain(plan);
  });
});
