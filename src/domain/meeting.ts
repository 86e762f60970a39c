// Open-meeting rules (California's Brown Act): in "meeting" mode the commission acts only at a noticed meeting,
// so votes are taken in a window around the meeting, and a regular meeting's agenda must be posted 72 hours ahead.

/** Hours before a regular meeting its agenda must be posted (Gov. Code §54954.2). */
export const AGENDA_NOTICE_HOURS = 72;
/** Voting may open this long before the meeting's start (the chair calls the item a little early). */
export const OPEN_EARLY_MINUTES = 30;

/** When votes can be cast for an item heard at `meetingAt`. */
export function meetingWindow(meetingAt: Date, voteHours: number): { opensAt: Date; closesAt: Date } {
  return { opensAt: new Date(meetingAt.getTime() - OPEN_EARLY_MINUTES * 60_000), closesAt: new Date(meetingAt.getTime() + voteHours * 3_600_000) };
}

/** A warning when the agenda was posted less than 72 hours before the meeting, else null. It warns; it does not block. */
export function noticeWarning(meetingAt: Date, agendaPostedAt: Date): string | null {
  const hours = (meetingAt.getTime() - agendaPostedAt.getTime()) / 3_600_000;
  if (hours >= AGENDA_NOTICE_HOURS) return null;
  const shown = Math.max(0, Math.floor(hours));
  return `The agenda was posted ${shown} hour${shown === 1 ? "" : "s"} before the meeting; a regular meeting's agenda must be posted at least 72 hours ahead (Brown Act, Gov. Code §54954.2). Check with the city attorney before the commission acts.`;
}
