// What applicants, commissioners and the chair meet in Slack, over signed HTTP against the fake Web API: every problem
// of a submission at once, the full application in a modal, and a Close vote that is set apart and asks first.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sendDueDeliveries } from "../../src/app/send-due-deliveries.js";
import { LIMITS } from "../../src/domain/application.js";
import { sopot } from "../support/fixtures.js";
import { FORM_STEPS } from "../../src/views/application-form.js";
import { startSlackRig, stateFor, type SlackRig } from "./slack-harness.js";

type J = Record<string, unknown>;
const PLAN = `${"Exchange visits and a shared festival. ".repeat(48)}THE END`.slice(-LIMITS.longText);

describe("Slack: what applicants, commissioners and the chair meet", () => {
  let rig: SlackRig;
  beforeEach(async () => {
    rig = await startSlackRig();
  });
  afterEach(async () => {
    expect(rig.problems()).toEqual([]);
    await rig.close();
  });
  const db = () => rig.bot.store.db;
  async function accepted(): Promise<{ channel: string; ts: string }> {
    await rig.command("UAPPLICANT", "apply");
    await rig.submit("UAPPLICANT", rig.lastView(), { ...sopot, firstYearPlan: PLAN });
    await rig.click("UDIRECTOR", "intake.accept", 1, { channel: "DDIRECTOR", ts: "1.0" });
    const ref = await db().messageRef.findFirstOrThrow({ where: { kind: "commission", platform: "slack" } });
    return { channel: ref.conversationId, ts: ref.messageId };
  }
  const commissionBlocks = () => rig.fake.of("chat.postMessage").find((c) => c.args.channel === "CCOMMISSION")!.args.blocks as J[];

  const only = (i: number, extra: Record<string, unknown>) => ({ ...Object.fromEntries(FORM_STEPS[i]!.fields.map((f) => [f, (sopot as Record<string, unknown>)[f] ?? ""])), ...extra });
  const stepOf = (view: J) => (JSON.parse(String(view.private_metadata)) as { step?: number }).step;
  const blockIndex = (view: J, test: (b: J) => boolean) => (view.blocks as J[]).findIndex(test);

  it("the form comes in three steps, one modal deep, with Save draft above the first question; Back keeps what was typed", async () => {
    await rig.command("UAPPLICANT", "apply");
    let view = rig.lastView();
    for (const [i, title] of ["1. The city", "2. The relationship", "3. People and plan"].entries()) {
      expect(stepOf(view)).toBe(i);
      expect(JSON.stringify(view.blocks)).toContain(title);
      expect(JSON.stringify(view.blocks)).toContain(`Step ${i + 1} of 3`);
      expect((view.submit as J).text).toBe(i < 2 ? "Next" : "Submit");
      // Save draft (and Back after the first step) come before the first input: no scrolling to reach them.
      const top = blockIndex(view, (b) => b.block_id === "form_actions_top");
      expect(top).toBeGreaterThan(-1);
      expect(top).toBeLessThan(blockIndex(view, (b) => b.type === "input"));
      expect(((view.blocks as J[])[top]!.elements as J[]).map((e) => e.action_id)).toEqual(i === 0 ? ["form.save_draft"] : ["form.back", "form.save_draft"]);
      expect((view.blocks as J[]).filter((b) => b.type === "input").length).toBeLessThanOrEqual(8);
      if (i === 2) break;
      const next = await rig.submitOnce("UAPPLICANT", view, only(i, {}));
      expect(next.json?.response_action).toBe("update"); // the same modal, no views.push: the 3-view stack limit never applies
      view = { ...(next.json!.view as J), id: view.id };
    }
    expect(rig.fake.of("views.push")).toHaveLength(0);
    expect((view.private_metadata as string).length).toBeLessThan(3000);

    // Back from step 3 saves what was typed there and shows step 2 in the same modal.
    await rig.click("UAPPLICANT", "form.back", "", { view: { ...view, state: { values: stateFor(view, { ...only(2, {}), budgetUsd: "7777" }) } } });
    const back = rig.fake.of("views.update").at(-1)!.args;
    expect(back.view_id).toBe(view.id);
    expect(stepOf(back.view as J)).toBe(1);
    expect(await db().application.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ status: "draft" });
    expect((await db().application.findUniqueOrThrow({ where: { id: 1 } })).data).toMatchObject({ budgetUsd: 7777, proposedCity: "Sopot" });
  });

  it("after the last step every problem of the application is marked at once, each once, with everything typed kept", async () => {
    await rig.command("UAPPLICANT", "apply");
    let view = rig.lastView();
    // Step 1 says near water but names no water body; step 2 says a letter came but gives no link.
    for (const [i, extra] of [{ waterBody: "" }, { letterUrl: "" }].entries()) view = { ...((await rig.submitOnce("UAPPLICANT", view, only(i, extra))).json!.view as J), id: view.id };
    const last = await rig.submitOnce("UAPPLICANT", view, only(2, { contactEmail: "not-an-email" }));
    expect(last.json?.response_action).toBe("update");
    const all = last.json!.view as J;
    const text = JSON.stringify(all.blocks);
    expect(stepOf(all)).toBeUndefined(); // every step on one view
    expect(text).toContain("The application is not complete yet: 3 answers need fixing; see the marked fields.");
    for (const [field, message] of [["waterBody", "required when the city is near water"], ["letterUrl", "required when one was received"], ["contactEmail", "email"]] as const) {
      const input = blockIndex(all, (b) => b.block_id === field);
      expect((all.blocks as J[])[input + 1], field).toMatchObject({ type: "context", block_id: `${field}_error` });
      expect(JSON.stringify((all.blocks as J[])[input + 1])).toContain(message);
    }
    expect(text.split("required when the city is near water").length - 1).toBe(1);
    expect(text).toContain('"initial_value":"not-an-email"');
    expect(text).toContain('"initial_value":"Sopot"');
    // Save draft above the first question and again at the end of the long view.
    expect(blockIndex(all, (b) => b.block_id === "form_actions_top")).toBeLessThan(blockIndex(all, (b) => b.type === "input"));
    expect((all.blocks as J[]).at(-1)).toMatchObject({ block_id: "form_actions" });
    expect(await db().application.count({ where: { status: { not: "draft" } } })).toBe(0);

    // Fixed on that one view, it is submitted and confirmed once.
    const ok = await rig.submitOnce("UAPPLICANT", { ...all, id: view.id }, { ...sopot });
    expect(JSON.stringify(ok.json)).toContain("Application SC-0001 submitted. Thank you");
  });

  it("a field that a yes makes required appears, as required, only once yes is chosen; no hides it again", async () => {
    await rig.command("UAPPLICANT", "apply");
    const view = rig.lastView();
    const block = (v: J, id: string) => (v.blocks as J[]).find((b) => b.block_id === id);
    expect(block(view, "waterBody")).toBeUndefined();
    expect(block(view, "nearWater")).toMatchObject({ dispatch_action: true, element: { type: "radio_buttons" } });
    const pick = async (value: string) => {
      const payload = { view: { ...view, state: { values: stateFor(view, { proposedCity: "Sopot typed", nearWater: value }) } } };
      await rig.click("UAPPLICANT", "nearWater", "", payload);
      return rig.fake.of("views.update").at(-1)!.args;
    };
    const yes = await pick("yes");
    expect(yes.view_id).toBe(view.id);
    // Required, so Slack itself asks for it; no "(optional)" and no "required if" next to it.
    expect(block(yes.view as J, "waterBody")).toMatchObject({ type: "input", optional: false, label: { text: "Which body of water?" }, element: { action_id: "waterBody" } });
    // Every other input keeps its block_id and action_id, so Slack keeps what was typed in them.
    const ids = (v: J) => (v.blocks as J[]).filter((b) => b.type === "input").map((b) => `${String(b.block_id)}/${String((b.element as J).action_id)}`);
    expect(ids(yes.view as J)).toEqual(expect.arrayContaining(ids(view)));
    expect(block(await pick("no").then((a) => a.view as J), "waterBody")).toBeUndefined();
    expect(await db().application.count()).toBe(0);
  });

  it("a step marks every malformed answer of that step at once", async () => {
    await rig.command("UAPPLICANT", "apply");
    const bad = await rig.submitOnce("UAPPLICANT", rig.lastView(), only(0, { population: "lots", metropolisDistanceKm: "far" }));
    expect(bad.json?.response_action).toBe("errors");
    expect(Object.keys(bad.json?.errors as J).sort()).toEqual(["metropolisDistanceKm", "population"]);
    expect(await db().application.count()).toBe(0);
  });

  it("View full application opens a modal (views.open from the message) with every answer in full", async () => {
    const at = await accepted();
    // The card itself clips the long answer; its button opens the whole application.
    expect(JSON.stringify(commissionBlocks())).not.toContain("THE END");
    const button = commissionBlocks().flatMap((b) => (b.type === "actions" ? (b.elements as J[]) : [])).find((e) => e.action_id === "app.full")!;
    expect(button).toMatchObject({ type: "button", value: "1", text: { text: "View full application" } });
    await rig.click("UCOMM1", "app.full", 1, at);
    const modal = rig.lastView();
    expect(modal).toMatchObject({ type: "modal", title: { text: "Application SC-0001" } });
    const text = JSON.stringify(modal.blocks);
    expect(text).toContain(JSON.stringify(PLAN).slice(1, -1));
    for (const label of ["Contact's email", "Which body of water?", "Link to the letter", "1. The city", "3. People and plan"]) expect(text).toContain(label);
    expect((modal.blocks as J[]).length).toBeLessThanOrEqual(100);
    // Someone with no role in the program cannot read it.
    await rig.click("USTRANGER", "app.full", 1, at);
    expect(rig.fake.of("views.open")).toHaveLength(2); // the apply form and the commissioner's modal only
  });

  it("Close vote sits apart from the vote buttons, asks first, and stays the chair's", async () => {
    const at = await accepted();
    const actions = commissionBlocks().filter((b) => b.type === "actions");
    const ids = actions.map((b) => (b.elements as J[]).map((e) => e.action_id));
    expect(ids).toContainEqual(["vote.approve", "vote.deny", "vote.abstain", "vote.recuse"]);
    expect(ids).toContainEqual(["vote.close"]);
    const close = actions.flatMap((b) => b.elements as J[]).find((e) => e.action_id === "vote.close")!;
    expect(close).toMatchObject({
      style: "danger",
      confirm: { title: { text: "Close the vote?" }, text: { text: expect.stringContaining("This ends the public vote on SC-0001") }, confirm: { text: "Close vote" }, deny: { text: "Cancel" }, style: "danger" },
    });
    // A commissioner's press (Slack skips the confirmation only for a forged request) is refused; nothing closes.
    await rig.click("UCOMM1", "vote.close", 1, at);
    expect((await db().voteRound.findFirstOrThrow()).closedAt).toBeNull();
    for (const u of ["UCOMM1", "UCOMM2", "UCOMM3", "UCOMM4"]) await rig.click(u, "vote.approve", 1, at);
    await rig.click("UCHAIR", "vote.close", 1, at);
    expect((await db().voteRound.findFirstOrThrow()).closedAt).not.toBeNull();
  });

  it("the director's reminder says since when it has waited; Snooze answers in the same words as Teams", async () => {
    await rig.command("UAPPLICANT", "apply");
    await rig.submit("UAPPLICANT", rig.lastView(), { ...sopot });
    rig.now.value = new Date(rig.now.value.getTime() + 8 * 86_400_000);
    await sendDueDeliveries(rig.bot.ctx);
    const reminder = rig.fake.of("chat.postMessage").filter((c) => c.args.channel === "UDIRECTOR").find((c) => JSON.stringify(c.args.blocks).includes("Reminder: SC-0001"))!;
    expect(JSON.stringify(reminder.args.blocks)).toMatch(/waiting since [A-Z][a-z]{2} \d{1,2}, \d{4} \(8 days\)/);
    await rig.click("UDIRECTOR", "reminder.snooze", 1, { channel: "DDIRECTOR", ts: "9.0" });
    const told = rig.fake.calls.filter((c) => c.method === "chat.postEphemeral" || c.method === "chat.postMessage").at(-1)!;
    expect(String(told.args.text)).toMatch(/^Reminders for SC-0001 are paused until /);
  });
});
