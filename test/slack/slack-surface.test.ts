// The Slack surface as a person meets it: modals opened from the Home tab, buttons on applications already decided,
// and what the bot tells people to type.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sopot } from "../support/fixtures.js";
import { startSlackRig, type SlackRig } from "./slack-harness.js";
import { eventBody, post } from "./signed.js";

const text = (x: unknown) => JSON.stringify(x);

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
    expect((await rig.submit("UAPPLICANT", rig.lastView(), { ...sopot })).text).toBe("");
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
});
