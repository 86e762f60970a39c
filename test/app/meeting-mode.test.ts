import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { castVote } from "../../src/app/cast-vote.js";
import { closeDueVotes } from "../../src/app/close-vote.js";
import { openVote } from "../../src/app/open-vote.js";
import { reviewIntake } from "../../src/app/review-intake.js";
import { scheduleMeeting } from "../../src/app/schedule-meeting.js";
import { submitApplication } from "../../src/app/submit-application.js";
import { DomainError } from "../../src/domain/errors.js";
import { answersFromForm } from "../../src/views/application-form.js";
import { applicant, chair, commissioners, director, sopot, testPolicy } from "../support/fixtures.js";
import { createHarness, type Harness } from "../support/harness.js";
import { cardText } from "../support/recording-platform.js";

const base = testPolicy();
const policy = testPolicy({ commission: { ...base.commission, votingMode: "meeting" } });

describe("open-meeting (Brown Act) voting mode", () => {
  let h: Harness;
  let id: number;
  beforeEach(async () => {
    h = await createHarness("sqlite", { policy });
    h.now.value = new Date("2027-03-01T17:00:00Z");
    ({ id } = await submitApplication(h.ctx, { actor: applicant, answers: answersFromForm({ ...sopot }) }));
    await reviewIntake(h.ctx, { actor: director, applicationId: id, decision: "accept" });
  });
  afterEach(async () => {
    await h.close();
  });

  // Meeting Thursday 11 March 2027, 7:00 PM PST = 03:00Z on the 12th.
  const meeting = { meetingDate: "2027-03-11", meetingTime: "19:00", agendaItem: "4.B" };
  const refusal = async (p: Promise<unknown>) => {
    const e = await p.catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DomainError);
    return (e as DomainError).userMessage;
  };

  it("accepting opens no vote; votes are refused until the item is on an agenda", async () => {
    expect(await h.db.store.db.voteRound.count()).toBe(0);
    expect(await refusal(castVote(h.ctx, { actor: commissioners[0]!, applicationId: id, choice: "approve", source: "button" }))).toMatch(/not on an agenda yet/);
    await h.settle();
    expect(cardText(h.slack.to("CCOMMISSION")[0]?.view)).toContain("waiting to be put on a commission meeting agenda");
  });

  it("warns when the agenda was posted less than 72 hours before the meeting, and not when it was", async () => {
    const late = await scheduleMeeting(h.ctx, { actor: director, applicationId: id, form: { ...meeting, agendaPostedDate: "2027-03-09", agendaPostedTime: "20:00" } });
    expect(late.warning).toMatch(/posted 47 hours before the meeting.*72 hours/);
    const ok = await scheduleMeeting(h.ctx, { actor: chair, applicationId: id, form: { ...meeting, agendaPostedDate: "2027-03-08", agendaPostedTime: "17:00" } });
    expect(ok.warning).toBeNull();
    const audit = await h.db.store.db.auditEntry.findMany({ where: { action: "meeting_scheduled" }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.summary.includes("WARNING"))).toEqual([true, false]);
  });

  it("refuses bad meeting input with field messages", async () => {
    const e = await scheduleMeeting(h.ctx, { actor: director, applicationId: id, form: { meetingDate: "11/03/2027", meetingTime: "7pm", agendaItem: "", agendaPostedDate: "2027-03-08", agendaPostedTime: "17:00" } }).catch((x: unknown) => x as DomainError);
    expect(Object.keys((e as DomainError).fieldErrors).sort()).toEqual(["agendaItem", "meetingDate", "meetingTime"]);
    await expect(scheduleMeeting(h.ctx, { actor: commissioners[0]!, applicationId: id, form: { ...meeting, agendaPostedDate: "2027-03-08", agendaPostedTime: "17:00" } })).rejects.toThrow(/Only the Community Services Director or the commission chair/);
  });

  it("refuses a meeting time that has already passed, naming the city's time zone, and stores nothing", async () => {
    h.now.value = new Date("2027-03-12T04:00:00Z"); // 8 PM on the 11th in Pinole: the meeting at 7 PM has begun
    const e = (await scheduleMeeting(h.ctx, { actor: director, applicationId: id, form: { ...meeting, agendaPostedDate: "2027-03-08", agendaPostedTime: "17:00" } }).catch((x: unknown) => x)) as DomainError;
    expect(e.userMessage).toBe("The meeting time Mar 11, 2027, 7:00 PM PST is in the past (it is now Mar 11, 2027, 8:00 PM PST, times in America/Los_Angeles); choose a time that is still to come.");
    expect(e.fieldErrors.meetingDate).toBe(e.userMessage);
    expect(await h.db.store.db.meetingItem.count()).toBe(0);
    expect(await h.db.store.db.auditEntry.count({ where: { action: "meeting_scheduled" } })).toBe(0);
  });

  it("a meeting that ended without the item's vote says so, and cannot open its vote late", async () => {
    await scheduleMeeting(h.ctx, { actor: director, applicationId: id, form: { ...meeting, agendaPostedDate: "2027-03-08", agendaPostedTime: "17:00" } });
    h.now.value = new Date("2027-03-12T09:30:00Z"); // after the window, no vote was opened
    expect(await refusal(castVote(h.ctx, { actor: commissioners[0]!, applicationId: id, choice: "approve", source: "button" }))).toMatch(/ended without a vote on SC-0001; put the item on a new meeting's agenda/);
    expect(await refusal(openVote(h.ctx, { actor: chair, applicationId: id }))).toMatch(/has ended, so its vote on SC-0001 cannot be opened now/);
  });

  it("votes only inside the meeting's window; the roll call is public record", async () => {
    await scheduleMeeting(h.ctx, { actor: director, applicationId: id, form: { ...meeting, agendaPostedDate: "2027-03-08", agendaPostedTime: "17:00" } });
    h.now.value = new Date("2027-03-10T03:00:00Z"); // the day before
    expect(await refusal(openVote(h.ctx, { actor: chair, applicationId: id }))).toMatch(/taken at the commission meeting on Mar 11, 2027, 7:00 PM PST \(agenda item 4.B\)/);
    expect(await refusal(castVote(h.ctx, { actor: commissioners[0]!, applicationId: id, choice: "approve", source: "button" }))).toMatch(/during the commission meeting/);

    h.now.value = new Date("2027-03-12T03:20:00Z"); // 7:20 PM at the meeting
    await openVote(h.ctx, { actor: chair, applicationId: id });
    await castVote(h.ctx, { actor: commissioners[0]!, applicationId: id, choice: "approve", source: "button" });
    await castVote(h.ctx, { actor: commissioners[1]!, applicationId: id, choice: "approve", source: "button" });
    await castVote(h.ctx, { actor: commissioners[2]!, applicationId: id, choice: "recuse", reason: "Spouse is the applicant's employer", source: "button" });
    await castVote(h.ctx, { actor: chair, applicationId: id, choice: "approve", source: "button" });
    await castVote(h.ctx, { actor: commissioners[3]!, applicationId: id, choice: "deny", source: "button" });

    h.now.value = new Date("2027-03-12T09:30:00Z"); // after the window
    expect(await refusal(castVote(h.ctx, { actor: commissioners[4]!, applicationId: id, choice: "approve", source: "button" }))).toMatch(/were taken at the meeting on Mar 11, 2027.*; that vote has closed\.$/);
    expect(await closeDueVotes(h.ctx)).toBe(1);
    const round = await h.db.store.db.voteRound.findFirstOrThrow({ where: { applicationId: id } });
    expect(round.outcome).toBe("approved");
    const roll = round.rollCall as { name: string; choice: string; reason: string | null; castAt: string | null }[];
    expect(roll.find((r) => r.name === "Chen Wei")).toMatchObject({ choice: "recuse", reason: "Spouse is the applicant's employer", castAt: "2027-03-12T03:20:00.000Z" });
    expect(roll.find((r) => r.name === "Eitan Levi")).toMatchObject({ choice: "absent", castAt: null });
  });
});
