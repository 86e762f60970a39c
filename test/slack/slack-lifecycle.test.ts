// The rest of the lifecycle through Slack's protocol: an earlier version's text readable in status, a meeting that
// cannot be back-dated, and a late vote told in the past tense.
import { afterEach, describe, expect, it } from "vitest";
import { sopot, testPolicy } from "../support/fixtures.js";
import { startSlackRig, type SlackRig } from "./slack-harness.js";

const text = (x: unknown) => JSON.stringify(x);
const base = testPolicy();

describe("Slack: versions and meeting mode", () => {
  let rig: SlackRig;
  afterEach(async () => {
    expect(rig.problems()).toEqual([]);
    await rig.close();
  });

  const toUser = (user: string) => [...rig.fake.of("chat.postMessage").filter((c) => c.args.channel === user), ...rig.fake.of("chat.postEphemeral").filter((c) => c.args.user === user)];
  const intake = { channel: "DDIRECTOR", ts: "1.0" };

  it("status after return → resubmit shows each changed answer before → after", async () => {
    rig = await startSlackRig();
    await rig.command("UAPPLICANT", "apply");
    expect((await rig.submit("UAPPLICANT", rig.lastView(), { ...sopot })).json?.response_action).toBe("update");
    await rig.click("UDIRECTOR", "intake.return", 1, intake);
    expect((await rig.submit("UDIRECTOR", rig.lastView(), { reason: "Say what happens in the first year." })).text).toBe("");
    await rig.click("UAPPLICANT", "app.edit", 1, { channel: "DAPPLICANT", ts: "2.0" });
    const plan = "Mayors exchange letters in spring; a Sopot jazz trio plays the Pinole summer concert series in July.";
    expect((await rig.submit("UAPPLICANT", rig.lastView(), { ...sopot, firstYearPlan: plan })).json?.response_action).toBe("update");

    await rig.command("UAPPLICANT", "status SC-0001");
    const status = text(rig.fake.of("response_url").at(-1)!.args);
    expect(status).toContain("Version 2, resubmitted");
    expect(status).toContain("changed First-year plan");
    expect(status).toContain("First-year plan — version 1");
    expect(status).toContain(sopot.firstYearPlan);
    expect(status).toContain("First-year plan — version 2");
    expect(status).toContain(plan);
  });

  describe("meeting mode", () => {
    // Meeting Thursday 11 March 2027, 7:00 PM PST = 03:00Z on the 12th.
    const meeting = { meetingDate: "2027-03-11", meetingTime: "19:00", agendaItem: "4.B", agendaPostedDate: "2027-03-08", agendaPostedTime: "17:00" };
    async function accepted(): Promise<{ channel: string; ts: string }> {
      rig = await startSlackRig("sqlite", testPolicy({ commission: { ...base.commission, votingMode: "meeting" } }));
      rig.now.value = new Date("2027-03-01T17:00:00Z");
      await rig.command("UAPPLICANT", "apply");
      expect((await rig.submit("UAPPLICANT", rig.lastView(), { ...sopot })).json?.response_action).toBe("update");
      await rig.click("UDIRECTOR", "intake.accept", 1, intake);
      const ref = await rig.bot.store.db.messageRef.findFirstOrThrow({ where: { kind: "commission" } });
      return { channel: ref.conversationId, ts: ref.messageId };
    }

    it("a meeting time in the past is refused on the modal's field, naming the time zone", async () => {
      const card = await accepted();
      rig.now.value = new Date("2027-03-12T04:00:00Z"); // 8 PM on the 11th in Pinole
      await rig.click("UDIRECTOR", "meeting.schedule", 1, card);
      const form = rig.lastView();
      expect(form.callback_id).toBe("form:meeting");
      const r = await rig.submit("UDIRECTOR", form, meeting);
      expect(r.json).toMatchObject({
        response_action: "errors",
        errors: { meetingDate: expect.stringContaining("is in the past (it is now Mar 11, 2027, 8:00 PM PST, times in America/Los_Angeles)") },
      });
      expect(await rig.bot.store.db.meetingItem.count()).toBe(0);
    });

    it("a vote button pressed after the meeting's vote is refused in the past tense", async () => {
      const card = await accepted();
      await rig.click("UDIRECTOR", "meeting.schedule", 1, card);
      expect((await rig.submit("UDIRECTOR", rig.lastView(), meeting)).text).toBe("");
      rig.now.value = new Date("2027-03-12T03:20:00Z"); // 7:20 PM at the meeting
      await rig.click("UCHAIR", "vote.open", 1, card);
      await rig.click("UCOMM1", "vote.approve", 1, card);
      await rig.click("UCOMM2", "vote.approve", 1, card);
      expect(await rig.bot.store.db.vote.count()).toBe(2);

      rig.now.value = new Date("2027-03-12T09:30:00Z"); // after the window
      await rig.click("UCOMM5", "vote.approve", 1, card);
      expect(text(toUser("UCOMM5").at(-1))).toContain("Votes on SC-0001 were taken at the meeting on Mar 11, 2027, 7:00 PM PST (agenda item 4.B); that vote has closed.");
      expect(await rig.bot.store.db.vote.count()).toBe(2);
    });
  });
});
