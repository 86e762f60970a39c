// The Slack surface as a person meets it: modals opened from the Home tab, buttons on applications already decided,
// and what the bot tells people to type.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { slackEntry } from "../../adapters/slack/entry.js";
import { renderModal } from "../../adapters/slack/render.js";
import { applicationForm } from "../../src/views/application-form.js";
import { checkBlocks } from "../support/block-kit-check.js";
import { sopot } from "../support/fixtures.js";
import { startSlackRig, stateFor, type SlackRig } from "./slack-harness.js";
import { eventBody, post } from "./signed.js";

const text = (x: unknown) => JSON.stringify(x);
type J = Record<string, unknown>;
/** The element of a modal's input block, by block id. */
const elementOf = (view: J, blockId: string): J => ((view.blocks as J[]).find((b) => b.block_id === blockId)?.element ?? {}) as J;

describe("Slack surface", () => {
  let rig: SlackRig;
  beforeEach(async () => {
    rig = await startSlackRig();
  });
  afterEach(async () => {
    expect(rig.problems()).toEqual([]);
    await rig.close();
  });

  const db = () => rig.bot.store.db;
  async function submitted(): Promise<void> {
    await rig.command("UAPPLICANT", "apply");
    expect((await rig.submit("UAPPLICANT", rig.lastView(), { ...sopot })).json?.response_action).toBe("update");
  }
  const toUser = (user: string) => [...rig.fake.of("chat.postMessage").filter((c) => c.args.channel === user), ...rig.fake.of("chat.postEphemeral").filter((c) => c.args.user === user)];

  it("the Home tab's buttons open a modal with views.open (Slack pushes only inside an open modal)", async () => {
    await submitted();
    await post(rig.url, eventBody({ type: "app_home_opened", user: "UAPPLICANT", channel: "DAPPLICANT", tab: "home" }), "application/json");
    await rig.settle();
    const home = text(rig.fake.of("views.publish").at(-1)!.args.view);
    expect(home).toContain("Open SC-0001");
    expect(home).toContain("home.apply");

    // "Open SC-0001" on the Home tab: the application opens in a new modal, and nothing is told "sorry".
    await rig.click("UAPPLICANT", "app.status", 1);
    expect(rig.fake.of("views.open").at(-1)!.args.view).toMatchObject({ type: "modal", title: { text: "SC-0001" } });
    expect(rig.fake.of("views.push")).toHaveLength(0);

    // "Start an application" on the Home tab.
    const opened = rig.fake.of("views.open").length;
    await rig.click("UAPPLICANT", "home.apply", "new");
    expect(rig.fake.of("views.open")).toHaveLength(opened + 1);
    expect(rig.lastView().callback_id).toBe("form:application");
    expect(rig.fake.of("views.push")).toHaveLength(0);
    expect(text(toUser("UAPPLICANT"))).not.toContain("did not go through");

    // Inside that status modal, a button still pushes onto its stack.
    await rig.click("UAPPLICANT", "app.status", 1, { view: { id: "VSTATUS", type: "modal" } });
    expect(rig.fake.of("views.push")).toHaveLength(1);
    expect(rig.fake.of("views.push")[0]!.args.view).toMatchObject({ type: "modal" });
  });

  it("the fake refuses a views.push whose trigger did not come from an open modal", async () => {
    const trigger = rig.fake.issueTrigger("trig.home", "home");
    const r = await fetch(`${rig.fake.url}views.push`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ trigger_id: trigger, view: { type: "modal" } }) });
    expect(await r.json()).toMatchObject({ ok: false, error: "invalid_arguments" });
    rig.fake.calls = [];
  });

  it("an old Return or Reject button is refused at the click, without opening the reason form", async () => {
    await submitted();
    const intake = { channel: "DDIRECTOR", ts: "1.0" };
    // Someone who is not the director is refused before any form opens, too.
    const opened = rig.fake.of("views.open").length;
    await rig.click("UCOMM1", "intake.reject", 1, intake);
    expect(rig.fake.of("views.open")).toHaveLength(opened);
    expect(text(toUser("UCOMM1").at(-1))).toContain("Only the Community Services Director can do that.");

    await rig.click("UDIRECTOR", "intake.accept", 1, intake);
    for (const old of ["intake.return", "intake.reject"]) {
      await rig.click("UDIRECTOR", old, 1, intake);
      expect(rig.fake.of("views.open")).toHaveLength(opened);
      expect(text(toUser("UDIRECTOR").at(-1))).toContain("That can't be done now: only a submitted application can be");
    }
    expect((await db().application.findUniqueOrThrow({ where: { id: 1 } })).status).toBe("commission_review");
  });

  it("list all by someone who is neither director nor clerk says the list is theirs only", async () => {
    await submitted();
    await rig.command("UAPPLICANT", "list all");
    const mine = text(rig.fake.of("response_url").at(-1)!.args);
    expect(mine).toContain("Only the Community Services Director and the council clerk see every application; here are yours.");
    expect(mine).toContain("My applications (1)");
    await rig.command("UCLERK", "list all");
    const all = text(rig.fake.of("response_url").at(-1)!.args);
    expect(all).toContain("All applications (1)");
    expect(all).not.toContain("here are yours");
  });

  it("e-mail and web addresses use Block Kit's own inputs, and the server still checks what arrives", async () => {
    await rig.command("UAPPLICANT", "apply");
    const modal = rig.lastView();
    // The form comes in steps: the letter's link on step 2 (once "yes" is picked), the e-mail on step 3.
    const step2 = { ...((await rig.submitOnce("UAPPLICANT", modal, { ...sopot })).json!.view as J), id: modal.id };
    // Slack checks as the person types, but a request can carry anything: the server's check answers on the field
    // (on the step, or after the last step with every problem at once, each under its field).
    const badUrl = await rig.submitOnce("UAPPLICANT", step2, { ...sopot, letterUrl: "javascript:alert(1)" });
    expect(elementOf(rig.fake.of("views.update").at(-1)!.args.view as J, "letterUrl")).toEqual({ type: "url_text_input", action_id: "letterUrl" });
    expect(badUrl.json).toMatchObject({ response_action: "errors", errors: { letterUrl: expect.stringContaining("https://") } });
    const step3 = { ...((await rig.submitOnce("UAPPLICANT", step2, { ...sopot })).json!.view as J), id: modal.id };
    expect(elementOf(step3, "contactEmail")).toEqual({ type: "email_text_input", action_id: "contactEmail" });
    // A saved draft reopens with the address in the same input.
    await rig.click("UAPPLICANT", "form.save_draft", "draft", { view: { ...step3, state: { values: stateFor(step3, { contactEmail: "m.nowak@example.pl" }) } } });
    const reopened = { ...(rig.fake.of("views.update").at(-1)!.args.view as J), id: modal.id };
    expect(elementOf(reopened, "contactEmail")).toEqual({ type: "email_text_input", action_id: "contactEmail", initial_value: "m.nowak@example.pl" });
    const bad = await rig.submitOnce("UAPPLICANT", reopened, { ...sopot, contactEmail: "not-an-address" });
    expect(bad.json?.response_action).toBe("update");
    const marked = text(bad.json);
    expect(marked).toContain("⚠️ Contact email must be an email address");
    expect(await db().application.count({ where: { status: { not: "draft" } } })).toBe(0);
    // A stored value Slack's own input would refuse as initial_value (written before these checks) shows as plain text.
    const old = renderModal(applicationForm({ draft: { contactEmail: "m.nowak at example.pl" }, cityName: "Pinole", applicationId: 1 })) as unknown as J;
    expect(elementOf(old, "contactEmail")).toMatchObject({ type: "plain_text_input", initial_value: "m.nowak at example.pl" });

    expect((await rig.submit("UAPPLICANT", { ...(bad.json!.view as J), id: modal.id }, { ...sopot })).json?.response_action).toBe("update");
    expect((await db().application.findUniqueOrThrow({ where: { id: 1 } })).data).toMatchObject({ contactEmail: sopot.contactEmail, letterUrl: sopot.letterUrl });
  });

  it("the Block Kit check knows the e-mail and web-address inputs' limits", () => {
    const input = (element: J) => [{ type: "input", block_id: "x", label: { type: "plain_text", text: "X" }, element: { action_id: "x", ...element } }];
    expect(checkBlocks(input({ type: "email_text_input" }), "modal")).toEqual([]);
    expect(checkBlocks(input({ type: "url_text_input", initial_value: "https://example.org" }), "modal")).toEqual([]);
    expect(checkBlocks(input({ type: "email_text_input", max_length: 254 }), "modal").join()).toContain("email_text_input has no max_length");
    expect(checkBlocks(input({ type: "url_text_input", multiline: true }), "modal").join()).toContain("url_text_input has no multiline");
    expect(checkBlocks(input({ type: "email_text_input", placeholder: { type: "plain_text", text: "x".repeat(151) } }), "modal").join()).toContain("placeholder");
  });

  it("what the bot tells a person to type is the whole slash command", async () => {
    // The one confirmation after submitting is the modal's last view.
    await rig.command("UAPPLICANT", "apply");
    const confirmed = await rig.submit("UAPPLICANT", rig.lastView(), { ...sopot });
    expect(text(confirmed.json)).toContain("Use /sistercity status SC-0001 to follow it.");
    await rig.settle();
    await rig.click("UDIRECTOR", "intake.return", 1, { channel: "DDIRECTOR", ts: "1.0" });
    expect((await rig.submit("UDIRECTOR", rig.lastView(), { reason: "Add the budget breakdown." })).text).toBe("");
    await rig.settle();
    expect(text(toUser("UAPPLICANT").at(-1))).toContain("(/sistercity status SC-0001 → Edit)");

    // A draft saved from the modal, a button naming no application, and a list with nothing in it.
    await rig.command("UOTHER", "apply");
    const modal = rig.lastView();
    await rig.click("UOTHER", "form.save_draft", "draft", { view: { ...modal, state: { values: stateFor(modal, { proposedCity: "Gdynia" }) } } });
    expect(text(rig.fake.of("views.update").at(-1)!.args)).toContain("Reopen it any time: /sistercity status SC-0002, then Edit");
    await rig.click("UOTHER", "app.status", "not-a-number", { channel: "DOTHER", ts: "9.0" });
    expect(text(toUser("UOTHER").at(-1))).toContain("Use /sistercity status <number> to find it.");
    await rig.command("UNEW", "status");
    expect(text(rig.fake.of("response_url").at(-1)!.args)).toContain("Start one with /sistercity apply.");

    // The prefix is the command the workspace installed (SLACK_COMMAND).
    expect(slackEntry.commandPrefix({ SLACK_COMMAND: "/pinole" })).toBe("/pinole ");
    expect(slackEntry.commandPrefix({})).toBe("/sistercity ");
  });
});
