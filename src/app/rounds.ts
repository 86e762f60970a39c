import type { Member } from "../domain/actors.js";
import { assertRosterCanVote, quorumFor } from "../domain/votes.js";
import type { Tx } from "../store/store.js";
import type { AppContext } from "./context.js";
import { writeAudit } from "./audit.js";
import { DomainError } from "../domain/errors.js";
import { meetingWindow } from "../domain/meeting.js";
import { applicationNumber } from "../domain/status.js";
import { formatDateTime } from "../views/application-summary.js";
import { meetingOpenRefusal } from "../views/meeting-text.js";
import { queueReminder } from "./reminders.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Opens the next vote round: freezes the roster and quorum, sets the deadline from the policy. In meeting mode
 * the round can only open during the noticed meeting, and closes itself when the meeting's voting window ends.
 */
export async function openRound(tx: Tx, ctx: AppContext, applicationId: number, member: Member, now: Date): Promise<{ number: number }> {
  let deadline = new Date(now.getTime() + ctx.policy.commission.votingDays * DAY_MS);
  if (ctx.policy.commission.votingMode === "meeting") {
    const meeting = await tx.meetingItem.findUnique({ where: { applicationId } });
    const tz = ctx.policy.city.timeZone;
    if (!meeting) throw new DomainError("invalid_transition", `${applicationNumber(applicationId)} is not on a commission meeting agenda yet; schedule it first (votes are taken at the meeting).`);
    const w = meetingWindow(meeting.meetingAt, ctx.policy.commission.meetingVoteHours);
    if (now < w.opensAt || now > w.closesAt) throw new DomainError("invalid_transition", meetingOpenRefusal(applicationNumber(applicationId), meeting, now > w.closesAt, tz));
    deadline = w.closesAt;
  }
  const roster = ctx.directory.commissioners().map((p) => p.id);
  const quorum = quorumFor(roster.length, ctx.policy.commission.quorum);
  assertRosterCanVote(roster.length, quorum);
  const last = await tx.voteRound.findFirst({ where: { applicationId }, orderBy: { number: "desc" }, select: { number: true } });
  const number = (last?.number ?? 0) + 1;
  await tx.voteRound.create({ data: { applicationId, number, roster, quorum, openedAt: now, openedById: member.personId, deadline } });
  await writeAudit(tx, {
    applicationId,
    member,
    roles: ["director", "chair"],
    action: "vote_opened",
    summary: `Commission vote ${number} opened: ${roster.length} members, quorum ${quorum}, closes ${formatDateTime(deadline, ctx.policy.city.timeZone)}`,
    after: { round: number, roster, quorum, deadline: deadline.toISOString() },
    at: now,
  });
  const nudgeAt = new Date(deadline.getTime() - ctx.policy.reminders.nudgeHoursBeforeDeadline * 3_600_000);
  if (ctx.policy.reminders.nudgeHoursBeforeDeadline > 0 && nudgeAt > now) await queueReminder(tx, applicationId, { type: "reminder", topic: "nudge", count: 1, round: number }, nudgeAt);
  return { number };
}
