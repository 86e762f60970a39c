import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sopot } from "../support/fixtures.js";
import { startSlackRig, type SlackRig } from "./slack-harness.js";

type J = Record<string, unknown>;
const text = (x: unknown) => JSON.stringify(x);

describe("Slack: the whole workflow over signed HTTP", () => {
  let rig: SlackRig;
  beforeEach(async () => {
    rig = await startSlackRig();
  });
  afterEach(async () => {
    expect(rig.problems()).toEqual([]);
    await rig.close();
  });

  const commissionRef = () => rig.bot.store.db.messageRef.findFirstOrThrow({ where: { kind: "commission", platform: "slack" } });
  const lastUpdate = () => rig.fake.of("chat.update").filter((c) => c.args.channel === "CCOMMISSION").at(-1)?.args;

  it("apply → return → resubmit → accept → votes (buttons, reactions, a change, a recusal) → close → council → agreement", async () => {
    // Apply: the modal opens on step 1 of 3; each Next saves the draft. An incomplete application comes back after
    // the last step as every step on one view, each problem under its field, everything typed kept.
    expect((await rig.command("UAPPLICANT", "apply")).status).toBe(200);
    const modal = rig.lastView();
    expect(modal.callback_id).toBe("form:application");
    const bad = await rig.submit("UAPPLICANT", modal, { proposedCity: "Sopot" });
    expect(bad.json?.response_action).toBe("update");
    const all = bad.json?.view as J;
    expect(text(all)).toContain("⚠️ Country is required.");
    expect(text(all)).toContain('"initial_value":"Sopot"');
    expect(await rig.bot.store.db.application.count({ where: { status: { not: "draft" } } })).toBe(0);

    const ok = await rig.submit("UAPPLICANT", { ...all, id: modal.id }, { ...sopot });
    expect(ok.status).toBe(200);
    // One confirmation, in the modal itself; no second message about it.
    expect(ok.json).toMatchObject({ response_action: "update", view: { type: "modal", title: { text: "Application submitted" } } });
    expect(text(ok.json)).toContain("Application SC-0001 submitted. Thank you");
    await rig.settle();
    expect(rig.fake.of("chat.postMessage").filter((c) => c.args.channel === "UAPPLICANT")).toEqual([]);
    const intake = rig.fake.of("chat.postMessage").find((c) => c.args.channel === "UDIRECTOR")!;
    expect(text(intake.args.blocks)).toContain("intake.accept");

    // The director returns it with a reason (button → modal → submit).
    await rig.click("UDIRECTOR", "intake.return", 1, { channel: "DDIRECTOR", ts: "1.0" });
    const reason = rig.lastView();
    expect(reason.callback_id).toBe("form:reason");
    expect((await rig.submit("UDIRECTOR", reason, { reason: "" })).json).toMatchObject({ response_action: "errors" });
    expect((await rig.submit("UDIRECTOR", reason, { reason: "Add the budget breakdown, please." })).text).toBe("");
    await rig.settle();
    expect(text(rig.fake.of("chat.postMessage").filter((c) => c.args.channel === "UAPPLICANT").at(-1))).toContain("Add the budget breakdown, please.");

    // The applicant reopens it from status, edits and resubmits.
    await rig.click("UAPPLICANT", "app.edit", 1, { channel: "DAPPLICANT", ts: "2.0" });
    const edit = rig.lastView();
    expect(text(edit)).toContain("Returned by the director: Add the budget breakdown");
    expect(text(edit)).toContain('"initial_value":"Sopot"');
    expect((await rig.submit("UAPPLICANT", edit, { ...sopot, budgetUsd: "6000" })).json?.response_action).toBe("update");

    await rig.click("UDIRECTOR", "intake.accept", 1, { channel: "DDIRECTOR", ts: "1.0" });
    await rig.settle();
    const card = rig.fake.of("chat.postMessage").find((c) => c.args.channel === "CCOMMISSION")!;
    expect(text(card.args.blocks)).toContain("vote.approve");
    const ref = await commissionRef();
    const at = { channel: ref.conversationId, ts: ref.messageId };

    await rig.click("UCOMM1", "vote.approve", 1, at);
    await rig.click("UCOMM2", "vote.deny", 1, at);
    await rig.react("UCOMM2", "white_check_mark", at); // changes the deny to approve
    await rig.react("UCHAIR", "+1::skin-tone-3", at);
    await rig.click("UCOMM3", "vote.recuse", 1, at);
    expect((await rig.submit("UCOMM3", rig.lastView(), { reason: "Owns a café in Sopot" })).text).toBe("");
    await rig.click("UCOMM4", "vote.abstain", 1, at);
    await rig.settle();
    const live = text(lastUpdate());
    expect(live).toContain("Approve 3 · Deny 0 · Abstain 1 · Recused 1");
    expect(live).toContain("\u2068Chen Wei\u2069 — Recuse (Owns a café in Sopot)");

    await rig.click("UCHAIR", "vote.close", 1, at);
    await rig.settle();
    const closed = text(lastUpdate());
    expect(closed).toContain("The Commission APPROVED");
    expect(closed).not.toContain("vote.approve");

    // Council and agreement: the clerk's buttons open forms.
    await rig.click("UCLERK", "council.record", 1, { view: { id: "VSTATUS", type: "modal" } });
    expect(rig.fake.of("views.push")).toHaveLength(1);
    const council = rig.lastView("views.push");
    expect((await rig.submit("UCLERK", council, { meetingDate: "2027-04-15", decision: "adopted", resolution: "2027-31" })).text).toBe("");
    await rig.click("UCLERK", "agreement.record", 1, { channel: "DCLERK", ts: "3.0" });
    const agreement = rig.lastView();
    const badUrl = await rig.submit("UCLERK", agreement, { signedOn: "2027-06-01", ourMayor: "Maria Alegria", theirMayor: "Jacek Karnowski", documentUrl: "javascript:alert(1)" });
    expect(badUrl.json).toMatchObject({ response_action: "errors", errors: { documentUrl: expect.stringContaining("https://") } });
    expect((await rig.submit("UCLERK", agreement, { signedOn: "2027-06-01", ourMayor: "Maria Alegria", theirMayor: "Jacek Karnowski" })).text).toBe("");
    await rig.settle();

    const app = await rig.bot.store.db.application.findUniqueOrThrow({ where: { id: 1 } });
    expect(app.status).toBe("established");
    expect(await rig.bot.store.db.applicationVersion.count()).toBe(2);
    const status = await rig.command("UAPPLICANT", "status SC-0001");
    expect(status.status).toBe(200);
    await rig.settle();
    expect(text(rig.fake.of("response_url").at(-1))).toContain("Sister City relationship established");
  });

  it("saves a draft from the modal and reopens it from status", async () => {
    await rig.command("UAPPLICANT", "");
    const modal = rig.lastView();
    await rig.click("UAPPLICANT", "form.save_draft", "draft", { view: { ...modal, state: { values: (await import("./slack-harness.js")).stateFor(modal, { proposedCity: "Sopot", population: "35000" }) } } });
    const updated = rig.fake.of("views.update").at(-1)!.args;
    expect(text(updated)).toContain("Draft SC-0001 saved");
    const draft = await rig.bot.store.db.application.findUniqueOrThrow({ where: { id: 1 } });
    expect(draft.status).toBe("draft");
    expect(draft.data).toMatchObject({ proposedCity: "Sopot", population: 35000 });
    await rig.command("UAPPLICANT", "status");
    expect(text(rig.fake.of("response_url").at(-1))).toContain("SC-0001 · \u2068Sopot\u2069");
  });
});
