import { SYSTEM, type Actor, type Member } from "../domain/actors.js";
import { DomainError } from "../domain/errors.js";
import { applicationNumber, assertAllowed, type Status } from "../domain/status.js";
import { DECISIONS } from "../domain/workflow.js";
import { tally, type Choice, type Outcome } from "../domain/votes.js";
import { textCard } from "../views/model.js";
import { outcomeLine } from "../views/application-summary.js";
import { writeAudit } from "./audit.js";
import type { AppContext } from "./context.js";
import { transition } from "./transition.js";
import { notify } from "./outbox.js";
import { latestRound, loadApplication, rosterOf } from "./read-model.js";
import { queueNext, stopReminders } from "./reminders.js";

const NEXT: Record<Outcome, Status> = DECISIONS.vote;

/**
 * Closes the open commission vote: stores the outcome and the full roll call (public record), moves the
 * application on, and tells the applicant and the director. Without a quorum the item stays with the commission.
 */
export async function closeVote(ctx: AppContext, input: { actor: Actor | "system"; applicationId: number }): Promise<{ outcome: Outcome }> {
  const member: Member = input.actor === "system" ? SYSTEM : ctx.directory.resolve(input.actor);
  const now = ctx.clock();
  const outcome = await ctx.store.transaction(async (tx) => {
    const app = await loadApplication(tx, input.applicationId);
    const number = applicationNumber(app.id);
    if (member !== SYSTEM) assertAllowed("close_vote", { status: app.status as Status, applicantId: app.applicantId }, member);
    const round = await latestRound(tx, app.id);
    if (!round || round.closedAt) throw new DomainError("vote_closed", `There is no open commission vote on ${number}.`);
    if (member === SYSTEM && (!round.deadline || round.deadline > now)) throw new DomainError("invalid_transition", `The vote on ${number} has not reached its deadline.`);

    // Claim the close first: this waits for any vote holding the round's lock, so the count below includes it.
    const claim = await tx.voteRound.updateMany({ where: { id: round.id, closedAt: null }, data: { closedAt: now, closedById: member.personId } });
    if (claim.count !== 1) throw new DomainError("vote_closed", `The vote on ${number} was already closed.`);
    const votes = await tx.vote.findMany({ where: { roundId: round.id }, orderBy: { updatedAt: "asc" } });
    const roster = rosterOf(round);
    const t = tally(roster, votes.map((v) => ({ personId: v.personId, choice: v.choice as Choice, reason: v.reason, castAt: v.updatedAt })), round.quorum, ctx.policy.commission.approval);
    const rollCall = roster.map((personId) => {
      const v = votes.find((x) => x.personId === personId);
      return { personId, name: ctx.directory.person(personId)?.name ?? personId, choice: v?.choice ?? "absent", reason: v?.reason ?? null, castAt: v ? v.updatedAt.toISOString() : null };
    });
    await tx.voteRound.update({ where: { id: round.id }, data: { outcome: t.outcomeIfClosedNow, rollCall } });

    const next = NEXT[t.outcomeIfClosedNow];
    if (next !== app.status) await transition(tx, app, next, now, { statusReason: null });
    await stopReminders(tx, app.id, ["nudge"]);
    // From approval until City Council decides, the director is reminded on the policy's schedule.
    if (t.outcomeIfClosedNow === "approved") await queueNext(tx, ctx, app.id, "council", now, 1, app.reminderCron);
    const line = outcomeLine(t.outcomeIfClosedNow, t);
    await writeAudit(tx, {
      applicationId: app.id,
      member,
      roles: ["director", "chair"],
      action: "vote_closed",
      summary: `Vote ${round.number} closed${member === SYSTEM ? " at its deadline" : ""}: ${line}`,
      before: { status: app.status },
      after: { status: next, outcome: t.outcomeIfClosedNow, rollCall },
      at: now,
    });
    const people = new Set([app.applicantId, ...ctx.directory.withRole("director").map((p) => p.id)]);
    for (const person of people) await notify(tx, app.id, person, textCard(`${number}: commission vote closed`, `${number}: ${line}`, t.outcomeIfClosedNow === "approved" ? "good" : "attention"), now);
    return t.outcomeIfClosedNow;
  });
  ctx.after.kickDeliveries();
  ctx.after.refreshCards(input.applicationId);
  return { outcome };
}

/** Closes every open vote whose deadline has passed; the scheduler calls it. Returns how many it closed. */
export async function closeDueVotes(ctx: AppContext): Promise<number> {
  const due = await ctx.store.db.voteRound.findMany({ where: { closedAt: null, deadline: { lte: ctx.clock() } }, select: { applicationId: true } });
  let closed = 0;
  for (const r of due) {
    try {
      await closeVote(ctx, { actor: "system", applicationId: r.applicationId });
      closed++;
    } catch (e) {
      // Another replica closed it first, or it was withdrawn meanwhile: nothing to do.
      if (!(e instanceof DomainError)) throw e;
    }
  }
  return closed;
}
