import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { submitApplication } from "../../src/app/submit-application.js";
import { answersFromForm } from "../../src/views/application-form.js";
import { applicant, sopot } from "../support/fixtures.js";
import { actionsOf, cardOf, cardText, startTeamsRig, U, type TeamsRig } from "./teams-rig.js";

describe("Teams: export as signed download links", () => {
  let rig: TeamsRig;
  beforeEach(async () => {
    rig = await startTeamsRig();
    await submitApplication(rig.bot.ctx, { actor: applicant, answers: answersFromForm({ ...sopot }) });
  });
  afterEach(async () => {
    expect(rig.cardProblems()).toEqual([]);
    await rig.close();
  });

  const lastCardTo = (who: { id: string }) => {
    const post = [...rig.fake.calls].reverse().find((c) => c.method === "POST" && c.conversationId === `a:personal-${who.id.slice(3)}`);
    return cardOf(post?.body);
  };

  it("the clerk gets Markdown and CSV links that download the packet; a forged or stale link does not", async () => {
    await rig.say(U.clerk, "export SC-0001");
    const card = lastCardTo(U.clerk);
    const urls = actionsOf(card).filter((a) => a.type === "Action.OpenUrl").map((a) => String(a.url));
    expect(urls).toHaveLength(2);
    const md = await fetch(urls[0]!);
    expect(md.status).toBe(200);
    expect(md.headers.get("content-disposition")).toBe('attachment; filename="SC-0001-packet.md"');
    expect(await md.text()).toContain("# Sister City application SC-0001: Sopot");
    const csv = await fetch(urls[1]!);
    expect(csv.headers.get("content-type")).toContain("text/csv");

    const forged = urls[0]!.replace(/\.([A-Za-z0-9_-])/, (_m, c: string) => `.${c === "A" ? "B" : "A"}`);
    expect((await fetch(forged)).status).toBe(403);
    rig.now.value = new Date(rig.now.value.getTime() + 16 * 60_000);
    expect((await fetch(urls[0]!)).status).toBe(410);
  });

  it("a commissioner is refused and gets no link", async () => {
    await rig.say(U.comm1, "export SC-0001");
    const card = lastCardTo(U.comm1);
    expect(cardText(card)).toContain("Only the Community Services Director, the council clerk or its applicant");
    expect(actionsOf(card).filter((a) => a.type === "Action.OpenUrl")).toHaveLength(0);
  });
});
