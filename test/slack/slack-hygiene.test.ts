import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slackAdapterFactory } from "../../adapters/slack/index.js";
import { teamsAdapterFactory } from "../../adapters/teams/index.js";
import { sopot, testPolicy } from "../support/fixtures.js";
import { startSlackRig, stateFor, type SlackRig } from "./slack-harness.js";
import { interactionBody, post } from "./signed.js";

// RLO flips what follows; BEL is a terminal control; the name is far longer than any real one.
const HOSTILE_NAME = `\u202eEvil\u0007 Name ${"x".repeat(600_000)}`;

describe("Slack-only city (Teams off): input hygiene and what cards say", () => {
  let rig: SlackRig;
  beforeAll(async () => {
    // The entry point passes every adapter; Teams stays off because nothing turns it on.
    rig = await startSlackRig("sqlite", testPolicy(), { factories: [slackAdapterFactory, teamsAdapterFactory] });
  });
  afterAll(async () => {
    expect(rig.problems()).toEqual([]);
    await rig.close();
  });

  it("stores the applicant's display name clipped and without control or bidi-override characters", async () => {
    await rig.command("UAPPLICANT", "apply");
    const view = rig.lastView();
    const payload = {
      type: "view_submission",
      team: { id: "TCITY" },
      user: { id: "UAPPLICANT", username: "uapplicant", name: HOSTILE_NAME, team_id: "TCITY" },
      api_app_id: "A0SISTER",
      token: "deprecated",
      trigger_id: "trig.hostile",
      view: { id: "VHOSTILE", type: "modal", callback_id: view.callback_id, private_metadata: view.private_metadata, hash: "h", state: { values: { ...stateFor(view, { ...sopot }), waterBody: { waterBody: { type: "plain_text_input", value: sopot.waterBody } } } } },
    };
    // (waterBody: shown once "yes, near water" is picked, so its value is in the state as Slack would send it.)
    const res = await post(rig.url, interactionBody(payload), "application/x-www-form-urlencoded");
    await rig.settle();
    expect(res.status).toBe(200);
    // The first step saved the draft under that name; the remaining steps submit it.
    const next = (JSON.parse(res.text) as { view: Record<string, unknown> }).view;
    expect((await rig.submit("UAPPLICANT", { ...next, id: "VHOSTILE" }, { ...sopot })).json?.response_action).toBe("update");
    const app = await rig.bot.store.db.application.findUniqueOrThrow({ where: { id: 1 } });
    expect(app.applicantName.length).toBeLessThanOrEqual(200);
    expect(app.applicantName.startsWith("Evil Name xxx")).toBe(true);
    expect(app.applicantName).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });

  it("the commission card explains Slack reactions only, and isolates the typed city", async () => {
    await rig.click("UDIRECTOR", "intake.accept", 1, { channel: "DDIRECTOR", ts: "1.0" });
    const card = rig.fake.of("chat.postMessage").find((c) => c.args.channel === "CCOMMISSION");
    const text = JSON.stringify(card?.args.blocks);
    expect(text).toContain("Slack: ");
    expect(text).not.toContain("Teams");
    expect(text).toContain("\u2068Sopot\u2069, \u2068Pomeranian Voivodeship\u2069, \u2068Poland\u2069");
    expect(rig.bot.ctx.platforms.has("teams")).toBe(false);
  });
});
