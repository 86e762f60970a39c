// What a person is told about open-meeting voting, in the tense the meeting calls for: before the meeting, votes
// "are taken" there; once the meeting's vote is over, they "were taken" and that vote has closed.
import { formatDateTime } from "./application-summary.js";

/** The agenda entry a vote belongs to. */
export interface MeetingRef {
  meetingAt: Date;
  agendaItem: string;
}

/**
 * Why a commissioner cannot vote now: the meeting is still to come, its vote has closed, or it ended without the
 * item's vote being opened.
 */
export function meetingVoteRefusal(number: string, meeting: MeetingRef, state: "upcoming" | "closed" | "missed", timeZone: string): string {
  const when = `${formatDateTime(meeting.meetingAt, timeZone)} (agenda item ${meeting.agendaItem})`;
  if (state === "closed") return `Votes on ${number} were taken at the meeting on ${when}; that vote has closed.`;
  if (state === "missed") return `The commission meeting on ${when} ended without a vote on ${number}; put the item on a new meeting's agenda.`;
  return `Votes on ${number} are taken during the commission meeting on ${when}, while the chair has the vote open.`;
}

/** Why a vote cannot be opened now: too early, or the meeting is over and the item needs a new meeting. */
export function meetingOpenRefusal(number: string, meeting: MeetingRef, over: boolean, timeZone: string): string {
  const when = `${formatDateTime(meeting.meetingAt, timeZone)} (agenda item ${meeting.agendaItem})`;
  return over
    ? `The commission meeting on ${when} has ended, so its vote on ${number} cannot be opened now; put the item on a new meeting's agenda first.`
    : `Votes on ${number} are taken at the commission meeting on ${when}; voting opens then, not before.`;
}

/** Why a meeting time cannot be used: it has already passed (the city's time zone is named, so nobody is misled). */
export function meetingInPast(meetingAt: Date, now: Date, timeZone: string): string {
  return `The meeting time ${formatDateTime(meetingAt, timeZone)} is in the past (it is now ${formatDateTime(now, timeZone)}, times in ${timeZone}); choose a time that is still to come.`;
}
