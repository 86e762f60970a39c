import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sendDueDeliveries } from "../../src/app/send-due-deliveries.js";
import { LIMITS } from "../../src/domain/application.js";
import { sopot } from "../support/fixtures.js";
import { startSlackRig, type SlackRig } from "./slack-harness.js";
import { commandBody, eventBody, post } from "./signed.js";

const text = (x: unknown) => JSON.stringify(x);

describe("Slack protocol, security and failures", () => {
  let rig: SlackRig;
  beforeEach(async () => {
    rig = await startSlackRig();
  });
  afterEach(async () => {
    expect(rig.problems()).toEqual([]);
    await rig.close();
  });

  const db = () => rig.bot.store.db;
  const counts = async () => ({ apps: await db().application.count(), votes: await db().vote.count(), audit: await db().auditEntry.count() });
  async function accepted(): Promise<{ channel: string; ts: string }> {
    await rig.command("UAPPLICANT", "apply");
    expect((await rig.submit("UAPPLICANT", rig.lastView(), { ...sopot })).json?.response_action).toBe("update");
    await rig.click("UDIRECTOR", "intake.accept", 1, { channel: "DDIRECTOR", ts: "1.0" });
    const ref = await db().messageRef.findFirstOrThrow({ where: { kind: "commission" } });
    return { channel: ref.conversationId, ts: ref.messageId };
  }
  const ephemeralsTo = (user: string) => rig.fake.of("chat.postEphemeral").filter((c) => c.args.user === user);

  it("answers Slack's url_verification challenge", async () => {
    const r = await post(rig.url, JSON.stringify({ type: "url_verification", challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", token: "x" }), "application/json");
    expect(r.status).toBe(200);
    expect(r.text).toContain("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
  });

  it("refuses a bad signature or a stale timestamp with 401 and changes nothing", async () => {
    const body = commandBody({ user: "UAPPLICANT", text: "apply", responseUrl: `${rig.fake.base}/response/x` });
    const before = await counts();
    expect((await post(rig.url, body, "application/x-www-form-urlencoded", { secret: "wrong-secret" })).status).toBe(401);
    expect((await post(rig.url, body, "application/x-www-form-urlencoded", { ageSeconds: 6 * 60 })).status).toBe(401);
    await rig.settle();
    expect(rig.fake.calls.filter((c) => c.method !== "auth.test")).toEqual([]);
    expect(await counts()).toEqual(before);
  });

  it("a retried event and a double click are counted once", async () => {
    const at = await accepted();
    await rig.react("UCOMM1", "white_check_mark", at, true, "EvSAME");
    const once = await counts();
    // Slack's retry carries the same event id and a retry header.
    const retry = await post(rig.url, eventBody({ type: "reaction_added", user: "UCOMM1", reaction: "white_check_mark", item: { type: "message", channel: at.channel, ts: at.ts }, event_ts: "1" }, "EvSAME"), "application/json", {
      headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" },
    });
    expect(retry.status).toBe(200);
    await rig.click("UCOMM2", "vote.deny", 1, at);
    await rig.click("UCOMM2", "vote.deny", 1, at);
    await rig.settle();
    const after = await counts();
    expect(after.votes).toBe(once.votes + 1);
    expect(after.audit).toBe(once.audit + 1);
    // A double click on Accept posts the commission card once; the second click is told why nothing happened.
    await rig.click("UDIRECTOR", "intake.accept", 1, { channel: "DDIRECTOR", ts: "1.0" });
    expect(rig.fake.of("chat.postMessage").filter((c) => c.args.channel === "CCOMMISSION")).toHaveLength(1);
    expect(text(ephemeralsTo("UDIRECTOR").at(-1))).toContain("can't be done now");
  });

  it("a non-commissioner's click or reaction is refused privately and changes nothing", async () => {
    const at = await accepted();
    const before = await counts();
    await rig.click("UAPPLICANT", "vote.approve", 1, at);
    await rig.react("USTRANGER", "+1", at);
    await rig.react("USTRANGER", "tada", at); // not a voting emoji: ignored silently
    expect(await counts()).toEqual(before);
    expect(text(ephemeralsTo("UAPPLICANT").at(-1))).toContain("Only a commissioner or the commission chair");
    expect(ephemeralsTo("USTRANGER")).toHaveLength(1);
  });

  it("shows typed text literally: no mentions, links or formatting", async () => {
    await rig.command("UAPPLICANT", "apply");
    const evil = { ...sopot, proposedCity: "<!channel> *Sopot*", notes: "<@UDIRECTOR> <https://evil.example|click> _x_ `y`" };
    expect((await rig.submit("UAPPLICANT", rig.lastView(), evil)).json?.response_action).toBe("update");
    const intake = rig.fake.of("chat.postMessage").find((c) => c.args.channel === "UDIRECTOR")!;
    expect(String(intake.args.text)).toContain("&lt;!channel&gt;");
    expect(String(intake.args.text)).not.toContain("<!channel>");
    // Wherever the city name appears in blocks, it is inside plain_text (which Slack never parses).
    const walk = (x: unknown, parentType?: string): void => {
      if (Array.isArray(x)) return x.forEach((y) => walk(y, parentType));
      if (x && typeof x === "object") {
        const o = x as Record<string, unknown>;
        if (typeof o.text === "string" && o.text.includes("<!channel>")) expect(o.type).toBe("plain_text");
        for (const v of Object.values(o)) walk(v, String(o.type));
      }
    };
    walk(intake.args.blocks);
  });

  it("a maximum-length application stays within Block Kit limits everywhere it is shown", async () => {
    await rig.command("UAPPLICANT", "apply");
    const long = (n: number, c = "W") => c.repeat(n);
    const max = {
      ...sopot,
      proposedCity: long(LIMITS.name),
      country: long(LIMITS.name),
      region: long(LIMITS.name),
      waterBody: long(LIMITS.name),
      metropolis: long(LIMITS.name),
      originNote: long(LIMITS.note),
      activityNote: long(LIMITS.note),
      origins: ["mayoral", "trade", "historical", "ancestral", "expatriate", "shared_challenges", "faith", "personal"],
      activities: ["cultural", "youth_education", "community_development", "business_trade", "humanitarian"],
      contactName: long(LIMITS.name),
      contactTitle: long(LIMITS.name),
      contactEmail: `${long(240, "a")}@example.org`,
      letterUrl: `https://example.org/${long(LIMITS.url - 20, "p")}`,
      communitySupport: long(LIMITS.longText),
      firstYearPlan: long(LIMITS.longText),
      notes: long(LIMITS.longText),
      population: String(LIMITS.maxPopulation),
      budgetUsd: String(LIMITS.maxBudgetUsd),
    };
    expect((await rig.submit("UAPPLICANT", rig.lastView(), max)).json?.response_action).toBe("update");
    await rig.click("UDIRECTOR", "intake.accept", 1, { channel: "DDIRECTOR", ts: "1.0" });
    const ref = await db().messageRef.findFirstOrThrow({ where: { kind: "commission" } });
    for (let i = 1; i <= 6; i++) await rig.click(`UCOMM${i}`, "vote.recuse", 1, { channel: ref.conversationId, ts: ref.messageId });
    await rig.command("UAPPLICANT", "status 1");
    await rig.click("UAPPLICANT", "app.status", 1);
    // afterEach checks every call (cards, updates, modals, status replies) against the limits.
    expect(rig.fake.of("chat.update").length).toBeGreaterThan(0);
  });

  it("App Home shows each role its queue within the limits", async () => {
    await accepted();
    await post(rig.url, eventBody({ type: "app_home_opened", user: "UDIRECTOR", channel: "DDIRECTOR", tab: "home" }), "application/json");
    await rig.settle();
    const home = rig.fake.of("views.publish").at(-1)!;
    expect(home.args.user_id).toBe("UDIRECTOR");
    expect(text(home.args.view)).toContain("Start an application");
    expect(text(home.args.view)).toContain("My applications");
    await rig.click("UDIRECTOR", "home.apply", "new");
    expect(rig.lastView().callback_id).toBe("form:application");
  });

  it("help, an unknown subcommand and a bad number get a short private answer", async () => {
    await rig.command("UAPPLICANT", "help");
    await rig.command("UAPPLICANT", "frobnicate");
    await rig.command("UAPPLICANT", "status banana");
    const replies = rig.fake.of("response_url").map((c) => text(c.args));
    expect(replies[0]).toContain("/sistercity apply");
    expect(replies[1]).toContain('Unknown subcommand \\"frobnicate\\"');
    expect(replies[2]).toContain("is not an application number");
    expect(rig.fake.of("response_url").every((c) => c.args.response_type === "ephemeral")).toBe(true);
  });

  it("429 with Retry-After on a post and 500 on an update: backs off, and the card ends correct", async () => {
    await rig.command("UAPPLICANT", "apply");
    await rig.submit("UAPPLICANT", rig.lastView(), { ...sopot });
    rig.fake.fail("chat.postMessage", { status: 429, retryAfter: 7 });
    await rig.click("UDIRECTOR", "intake.accept", 1, { channel: "DDIRECTOR", ts: "1.0" });
    const pending = await db().delivery.findFirstOrThrow({ where: { status: "pending" } });
    expect(pending.dueAt.getTime() - rig.now.value.getTime()).toBeGreaterThanOrEqual(7000);
    rig.now.value = new Date(rig.now.value.getTime() + 8000);
    expect((await sendDueDeliveries(rig.bot.ctx)).sent).toBe(1);
    const ref = await db().messageRef.findFirstOrThrow({ where: { kind: "commission" } });
    const at = { channel: ref.conversationId, ts: ref.messageId };

    rig.fake.fail("chat.update", { status: 500 }, 3); // the client's own two retries, then ours
    await rig.click("UCOMM1", "vote.approve", 1, at);
    expect(await db().delivery.count({ where: { kind: "refresh", status: "pending" } })).toBe(1);
    rig.now.value = new Date(rig.now.value.getTime() + 60_000);
    await sendDueDeliveries(rig.bot.ctx);
    const last = rig.fake.of("chat.update").filter((c) => c.args.channel === "CCOMMISSION").at(-1)!;
    expect(text(last.args.blocks)).toContain("Approve 1 · Deny 0");
    expect(await db().vote.count()).toBe(1);
  });

  it("tells the user when a form cannot be opened", async () => {
    rig.fake.fail("views.open", { status: 200, error: "expired_trigger_id" });
    await rig.command("UAPPLICANT", "apply");
    expect(text(rig.fake.of("response_url").at(-1))).toContain("did not go through");
  });
});
