import type { Member } from "../domain/actors.js";
import { assertRosterCanVote, quorumFor } from "../domain/votes.js";
import type { Tx } from "../store/store.js";
import type { AppContext } from "./context.js";
import { writeAudit } from "./audit.js";
import { queueReminder } from "./reminders.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Opens the next vote round: freezes the roster and quorum, sets the deadline from the policy. */
export async function openRound(tx: Tx, ctx: AppContext, applicationId: number, member: Member, now: Date): Promise<{ number: number }> {
  const roster = ctx.directory.commissioners().map((p) => p.id);
  const quorum = quorumFor(roster.length, ctx.policy.commission.quorum);
  assertRosterCanVote(roster.length, quorum);
  const last = await tx.voteRound.findFirst({ where: { applicationId }, orderBy: { number: "desc" }, select: { number: true } });
  const number = (last?.number ?? 0) + 1;
  const deadline = new Date(now.getTime() + ctx.policy.commission.votingDays * DAY_MS);
  await tx.voteRound.create({ data: { applicationId, number, roster, quorum, openedAt: now, openedById: member.personId, deadline } });
  await writeAudit(tx, {
    applicationId,
    member,
    roles: ["director", "chair"],
    action: "vote_opened",
    summary: `Commission vote ${number} opened: ${roster.length} members, quorum ${quorum}, closes ${deadline.toISOString()}`,
    after: { round: number, roster, quorum, deadline: deadline.toISOString() },
    at: now,
  });
  const nudgeAt = new Date(deadline.getTime() - ctx.policy.reminders.nudgeHoursBeforeDeadline * 3_600_000);
  if (ctx.policy.reminders.nudgeHoursBeforeDeadline > 0 && nudgeAt > now) await queueReminder(tx, applicationId, { type: "reminder", topic: "nudge", count: 1, round: number }, nudgeAt);
  return { number };
}
