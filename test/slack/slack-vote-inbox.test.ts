// Votes through Slack's protocol: stored before Slack hears "received" (reactions too), each voter told privately
// what was recorded, and a burst of votes producing a few card updates with the last one exact.
import { afterEach, describe, expect, it } from "vitest";
import { REFRESH_GAP_MS } from "../../src/app/background.js";
import { sopot, testPolicy } from "../support/fixtures.js";
import { startSlackRig, type SlackRig } from "./slack-harness.js";
import { eventBody, post } from "./signed.js";

const text = (x: unknown) => JSON.stringify(x);
const MEMBERS = Array.from({ length: 50 }, (_, i) => ({ id: `m${i}`, name: `Member ${i}`, roles: ["commissioner" as const], slack: `UM${String(i).padStart(3, "0")}` }));

describe("Slack votes through the inbox", () => {
  let rig: SlackRig;
  afterEach(async () => {
    expect(rig.problems()).toEqual([]);
    await rig.close();
  });
  const db = () => rig.bot.store.db;
  async function accepted(): Promise<{ channel: string; ts: string }> {
    await rig.command("UAPPLICANT", "apply");
    expect((await rig.submit("UAPPLICANT", rig.lastView(), { ...sopot })).json?.response_action).toBe("update"); // the modal turns into the confirmation
    await rig.click("UDIRECTOR", "intake.accept", 1, { channel: "DDIRECTOR", ts: "1.0" });
    const ref = await db().messageRef.findFirstOrThrow({ where: { kind: "commission" } });
    return { channel: ref.conversationId, ts: ref.messageId };
  }
  const ephemeralsTo = (user: string) => rig.fake.of("chat.postEphemeral").filter((c) => c.args.user === user);

  it("tells the voter privately what was recorded, for a button and for a reaction", async () => {
    rig = await startSlackRig();
    const at = await accepted();
    await rig.click("UCOMM1", "vote.deny", 1, at);
    expect(text(ephemeralsTo("UCOMM1").at(-1))).toContain("You voted Deny on SC-0001.");
    await rig.react("UCOMM2", "white_check_mark", at);
    expect(text(ephemeralsTo("UCOMM2").at(-1))).toContain("You voted Approve on SC-0001.");
    await rig.react("UCOMM2", "white_check_mark", at, false);
    expect(text(ephemeralsTo("UCOMM2").at(-1))).toContain("Your vote on SC-0001 is withdrawn.");
    expect(await db().vote.findMany({ select: { personId: true, choice: true } })).toEqual([{ personId: "cam1", choice: "deny" }]);
    // Nobody else was told anything about these votes.
    expect(rig.fake.of("chat.postEphemeral").filter((c) => c.args.user !== "UCOMM1" && c.args.user !== "UCOMM2")).toEqual([]);
  });

  it("answers a reaction only after it is stored", async () => {
    rig = await startSlackRig();
    const at = await accepted();
    const inbox = rig.bot.store.inbox;
    const append = inbox.append.bind(inbox);
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let appendCalled!: () => void;
    const called = new Promise<void>((r) => (appendCalled = r));
    inbox.append = async (rows) => {
      appendCalled();
      await gate;
      const first = await append(rows);
      order.push("stored");
      return first;
    };
    const answer = post(rig.url, eventBody({ type: "reaction_added", user: "UCOMM3", reaction: "+1", item: { type: "message", channel: at.channel, ts: at.ts }, event_ts: "1" }), "application/json").then((r) => {
      order.push("answered");
      return r;
    });
    await called;
    // Bolt would have answered by now if it acknowledged before the listener: give its answer every chance to land.
    await Promise.race([answer, new Promise((r) => setTimeout(r, 300))]);
    release();
    expect((await answer).status).toBe(200);
    await rig.settle();
    expect(order).toEqual(["stored", "answered"]);
    expect(await db().vote.count({ where: { personId: "cam3", source: "reaction" } })).toBe(1);
  });

  it("a burst of 50 votes gives a few updates of the commission card, the last one exact, and none of the director's", async () => {
    // The production gap between two refreshes of one card (the other tests refresh at once).
    rig = await startSlackRig("sqlite", testPolicy({ people: [{ id: "dana", name: "Dana Director", roles: ["director"], slack: "UDIRECTOR" }, ...MEMBERS] }), { refreshGapMs: REFRESH_GAP_MS });
    const at = await accepted();
    const intake = await db().messageRef.findFirstOrThrow({ where: { kind: "intake" } });
    const before = rig.fake.of("chat.update").length;
    const clicks = await Promise.all(MEMBERS.map((m, i) => rig.click(m.slack, i % 5 === 0 ? "vote.deny" : "vote.approve", 1, at)));
    expect(clicks.every((r) => r.status === 200)).toBe(true);
    await rig.settle();
    const updates = rig.fake.of("chat.update").slice(before);
    const ofCard = updates.filter((c) => c.args.ts === at.ts);
    expect(ofCard.length).toBeGreaterThan(0);
    expect(ofCard.length).toBeLessThanOrEqual(10);
    expect(updates.filter((c) => c.args.ts === intake.messageId)).toEqual([]);
    const last = text(ofCard.at(-1)!.args.blocks);
    expect(last).toContain("Approve 40 · Deny 10");
    expect(last).toContain("Every commissioner has voted.");
    expect(await db().vote.count()).toBe(50);
    expect(await db().inboxEvent.count({ where: { appliedAt: null } })).toBe(0);
  });
});
