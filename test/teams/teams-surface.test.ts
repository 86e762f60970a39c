// Teams, where the Slack surface's points apply too: an old Return / Reject button is refused at the click.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sopot } from "../support/fixtures.js";
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
    await submitApplication(U.applicant);
    await rig.bot.idle();
    const notice = rig.fake.posts(personal(U.applicant)).map((p) => cardText(cardOf(p.body))).find((t) => t.includes("submitted and is with"));
    expect(notice).toContain('Use "status SC-0001" to follow it.');
    expect(notice).not.toContain("/sistercity");
  });
});
