import { afterEach, describe, expect, it } from "vitest";
import { sopot, testPolicy } from "../support/fixtures.js";
import { startSlackRig, type SlackRig } from "./slack-harness.js";

const text = (x: unknown) => JSON.stringify(x);

describe("Slack: public-record features", () => {
  let rig: SlackRig;
  afterEach(async () => {
    expect(rig.problems()).toEqual([]);
    await rig.close();
  });

  async function accepted(): Promise<void> {
    await rig.command("UAPPLICANT", "apply");
    expect((await rig.submit("UAPPLICANT", rig.lastView(), { ...sopot })).json?.response_action).toBe("update");
    await rig.click("UDIRECTOR", "intake.accept", 1, { channel: "DDIRECTOR", ts: "1.0" });
  }

  it("/sistercity export sends the packet as files in a direct message, to those allowed", async () => {
    rig = await startSlackRig();
    await accepted();
    await rig.command("UCOMM1", "export SC-0001");
    expect(text(rig.fake.of("response_url").at(-1))).toContain("Only the Community Services Director, the council clerk or its applicant");
    expect(rig.fake.of("files.completeUploadExternal")).toHaveLength(0);

    await rig.command("UCLERK", "export SC-0001");
    expect(rig.fake.of("conversations.open").at(-1)?.args.users).toBe("UCLERK");
    expect(rig.fake.of("files.getUploadURLExternal").map((c) => c.args.filename).sort()).toEqual(["SC-0001-packet.csv", "SC-0001-packet.md"]);
    const uploads = rig.fake.of("upload").map((c) => String(c.args.bytes));
    expect(uploads.some((b) => b.includes("# Sister City application SC-0001: Sopot"))).toBe(true);
    expect(uploads.some((b) => b.includes("\r\n\r\nsection,item,value,detail,time"))).toBe(true);
    expect(rig.fake.of("files.completeUploadExternal").at(-1)?.args.channel_id).toBe("DCLERK");
    expect(text(rig.fake.of("response_url").at(-1))).toContain("packet is in your direct messages");
  });

  it("meeting mode: Schedule meeting from the card, a late agenda is warned about, votes wait for the meeting", async () => {
    const base = testPolicy();
    rig = await startSlackRig("sqlite", testPolicy({ commission: { ...base.commission, votingMode: "meeting" } }));
    rig.now.value = new Date("2027-03-08T17:00:00Z");
    await accepted();
    const card = rig.fake.of("chat.postMessage").find((c) => c.args.channel === "CCOMMISSION")!;
    expect(text(card.args.blocks)).toContain("meeting.schedule");
    expect(text(card.args.blocks)).not.toContain("vote.approve");
    const ref = await rig.bot.store.db.messageRef.findFirstOrThrow({ where: { kind: "commission" } });
    const at = { channel: ref.conversationId, ts: ref.messageId };

    await rig.click("UCOMM1", "vote.approve", 1, at);
    expect(text(rig.fake.of("chat.postEphemeral").at(-1))).toContain("not on an agenda yet");

    await rig.click("UCHAIR", "meeting.schedule", 1, at);
    const form = rig.lastView();
    expect(form.callback_id).toBe("form:meeting");
    const bad = await rig.submit("UCHAIR", form, { meetingDate: "2027-03-11", meetingTime: "7pm", agendaItem: "4.B", agendaPostedDate: "2027-03-10", agendaPostedTime: "09:00" });
    expect(bad.json).toMatchObject({ response_action: "errors", errors: { meetingTime: expect.stringContaining("HH:MM") } });
    const ok = await rig.submit("UCHAIR", form, { meetingDate: "2027-03-11", meetingTime: "19:00", agendaItem: "4.B", agendaPostedDate: "2027-03-10", agendaPostedTime: "09:00" });
    expect(ok.text).toBe("");
    expect(text(rig.fake.calls.filter((c) => c.method === "chat.postEphemeral" || c.method === "chat.postMessage").at(-1))).toContain("72 hours");
    const updated = rig.fake.of("chat.update").filter((c) => c.args.channel === "CCOMMISSION").at(-1)!;
    expect(text(updated.args.blocks)).toContain("agenda item 4.B");
  });
});
