import { afterEach, describe, expect, it } from "vitest";
import { sopot, testPolicy } from "../support/fixtures.js";
import { actionsOf, CHANNEL, cardOf, cardText, startTeamsRig, U, type Reply, type TeamsRig, type TeamsUser } from "./teams-rig.js";

type J = Record<string, unknown>;

const answers: Record<string, string> = Object.fromEntries(Object.entries(sopot).map(([k, v]) => [k, Array.isArray(v) ? v.join(",") : String(v)]));
const dialogCard = (r: Reply): J => ((((r.body?.task as J).value as J).card as J).content as J);
const dialogText = (r: Reply): string => String((r.body?.task as J).value);
const personal = (u: TeamsUser) => `a:personal-${u.id.slice(3)}`;
const DAY = 86_400_000;

describe("Teams: reminders, reminder schedules and commission meetings", () => {
  let rig: TeamsRig;
  afterEach(async () => {
    expect(rig.cardProblems()).toEqual([]);
    await rig.close();
  });
  const db = () => rig.bot.store.db;
  const submit = async () => {
    const form = dialogCard(await rig.openDialog(U.applicant, { formId: "application" }));
    const button = actionsOf(form).find((a) => a.title === "Submit")!;
    expect(dialogText(await rig.submitDialog(U.applicant, { ...(button.data as J), ...answers }))).toContain("submitted");
  };

  it("a reminder card reaches the director, and Snooze pauses the reminders", async () => {
    rig = await startTeamsRig();
    await rig.install(U.director);
    await submit();
    rig.now.value = new Date(rig.now.value.getTime() + 8 * DAY);
    rig.bot.ctx.after.kickDeliveries();
    await rig.bot.idle();
    const reminder = rig.fake.posts(personal(U.director)).find((p) => cardText(cardOf(p.body)).startsWith("Reminder: SC-0001"));
    expect(reminder).toBeDefined();
    // Since when and how long, never "0 days so far".
    expect(cardText(cardOf(reminder!.body))).toMatch(/waiting since [A-Z][a-z]{2} \d{1,2}, \d{4} \(8 days\)/);
    const snooze = actionsOf(cardOf(reminder!.body)).find((a) => String(a.title).startsWith("Snooze"))!;
    expect(snooze).toMatchObject({ type: "Action.Execute", verb: "reminder.snooze", data: { applicationId: 1 } });
    const r = await rig.click(U.director, "reminder.snooze", snooze.data as J, { conversationId: personal(U.director), messageId: rig.fake.idOf(reminder!) });
    expect(r.body).toMatchObject({ type: "application/vnd.microsoft.activity.message", value: expect.stringContaining("Reminders for SC-0001 are paused until") });
    expect(await db().auditEntry.count({ where: { action: "reminders_snoozed" } })).toBe(1);
    const refused = await rig.click(U.applicant, "reminder.snooze", { applicationId: 1 });
    expect(refused.body).toMatchObject({ value: "Only the Community Services Director or the council clerk can snooze reminders." });

    await rig.say(U.director, "schedule SC-0001 0 9 * * 1");
    expect(cardText(cardOf(rig.fake.posts(personal(U.director)).at(-1)?.body))).toContain("Reminder schedule for SC-0001 saved.");
    await rig.say(U.director, "schedule SC-0001");
    expect(cardText(cardOf(rig.fake.posts(personal(U.director)).at(-1)?.body))).toContain('"schedule SC-0001 default"');
  });

  it("in meeting mode the commission card's Schedule meeting button opens a dialog that puts the item on an agenda", async () => {
    rig = await startTeamsRig("sqlite", { policy: testPolicy({ commission: { votingMode: "meeting" } }) });
    rig.fake.teamChannels = [{ id: CHANNEL }];
    await rig.install("team");
    await rig.install(U.director);
    await submit();
    const intake = rig.fake.posts(personal(U.director))[0]!;
    await rig.click(U.director, "intake.accept", { applicationId: 1 }, { conversationId: personal(U.director), messageId: rig.fake.idOf(intake) });
    const post = rig.fake.posts(CHANNEL).at(-1)!;
    const card = cardOf(post.body);
    expect(cardText(card)).toContain("waiting to be put on a commission meeting agenda");
    const schedule = actionsOf(card).find((a) => a.title === "Schedule meeting")!;
    expect(schedule).toMatchObject({ type: "Action.Submit", data: { msteams: { type: "task/fetch" }, action: "meeting.schedule", applicationId: 1 } });

    const form = dialogCard(await rig.openDialog(U.director, schedule.data as J, "channel"));
    const send = (typed: J) => rig.submitDialog(U.director, { ...(actionsOf(form).find((a) => a.title === "Schedule")!.data as J), ...typed }, "channel");
    const bad = await send({ meetingDate: "2027-04-10", meetingTime: "7pm", agendaItem: "4.b", agendaPostedDate: "2027-04-01", agendaPostedTime: "10:00" });
    expect(cardText(dialogCard(bad))).toContain("Meeting: the time must be HH:MM (24-hour), e.g. 19:00.");
    const ok = await send({ meetingDate: "2027-04-10", meetingTime: "19:00", agendaItem: "4.b", agendaPostedDate: "2027-04-09", agendaPostedTime: "10:00" });
    expect(dialogText(ok)).toContain("SC-0001 is on the agenda of the commission meeting on Apr 10, 2027");
    expect(dialogText(ok)).toContain("⚠ The agenda was posted 33 hours before the meeting");
    expect(cardText(cardOf(rig.fake.latest(CHANNEL, rig.fake.idOf(post))))).toContain("Heard at the commission meeting on Apr 10, 2027");
  });
});
