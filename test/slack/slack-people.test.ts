// What applicants, commissioners and the chair meet in Slack, over signed HTTP against the fake Web API: every problem
// of a submission at once, the full application in a modal, and a Close vote that is set apart and asks first.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LIMITS } from "../../src/domain/application.js";
import { sopot } from "../support/fixtures.js";
import { startSlackRig, type SlackRig } from "./slack-harness.js";

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

  it("the modal marks every problem of a submission at once, on its own input, and stores nothing", async () => {
    await rig.command("UAPPLICANT", "apply");
    const bad = await rig.submit("UAPPLICANT", rig.lastView(), { ...sopot, contactEmail: "not-an-email", waterBody: "", letterUrl: "", population: "lots" });
    expect(bad.json?.response_action).toBe("errors");
    const errors = bad.json?.errors as Record<string, string>;
    expect(Object.keys(errors).sort()).toEqual(["contactEmail", "letterUrl", "population", "waterBody"]);
    expect(errors.waterBody).toMatch(/required when the city is near water/);
    expect(errors.letterUrl).toMatch(/required when one was received/);
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
});
