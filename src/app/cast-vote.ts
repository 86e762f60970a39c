import type { Actor } from "../domain/actors.js";
import { DomainError } from "../domain/errors.js";
import { applicationNumber, assertAllowed, type Status } from "../domain/status.js";
import { CHOICE_LABELS, tally, validateBallot, type Choice, type Tally } from "../domain/votes.js";
import type { AppContext } from "./context.js";
import { StaleRead, type Tx } from "../store/store.js";
import { writeAudit } from "./audit.js";
import { notFound, rosterOf } from "./read-model.js";
import { meetingWindow } from "../domain/meeting.js";
import { meetingVoteRefusal } from "../views/meeting-text.js";

/** How a vote reached us; stored with the vote and in the audit log. */
export type VoteSource = "button" | "reaction" | "command";

export type CastVoteInput = {
  actor: Actor;
  applicationId: number;
  source: VoteSource;
} & (
  | { choice: Choice | string; reason?: string | null }
  /** Withdraws the member's vote; with `onlyIf`, only when the live vote is that choice (a removed reaction). */
  | { choice: null; onlyIf?: Choice }
);

/** Result: whether anything changed (a retry or double click changes nothing) and the tally after. */
export interface CastVoteResult {
  changed: boolean;
  choice: Choice | null;
  tally: Tally;
}

/**
 * Records, changes or withdraws a commissioner's vote while the round is open. One live vote per member;
 * the round row is locked first so a vote can never slip in after the vote closed.
 */
export async function castVote(ctx: AppContext, input: CastVoteInput): Promise<CastVoteResult> {
  const now = ctx.clock();
  const result = await ctx.store.transaction((tx) => castVoteIn(tx, ctx, input, now));
  const t = await tallyOf(ctx, result.round);
  if (result.changed) ctx.after.refreshCards(input.applicationId);
  return { changed: result.changed, choice: result.choice, tally: t };
}

/** The tally of a round as it is now (after the vote committed). */
export async function tallyOf(ctx: AppContext, round: { id: number; roster: string[]; quorum: number }): Promise<Tally> {
  const votes = await ctx.store.db.vote.findMany({ where: { roundId: round.id }, select: { personId: true, choice: true, reason: true, castAt: true } });
  return tally(round.roster, votes.map((v) => ({ ...v, choice: v.choice as Choice })), round.quorum, ctx.policy.commission.approval);
}

/** What a vote did inside its transaction: whether it changed anything, and the round it went into. */
export interface VoteWritten {
  changed: boolean;
  choice: Choice | null;
  round: { id: number; roster: string[]; quorum: number };
}

/**
 * The vote's reads and writes inside the caller's transaction (the inbox marks its row applied in the same one).
 * It reads only what the rules need (no answers, no vote list): votes arrive in bursts, and the shorter each one
 * holds the round's lock, the sooner the next is stored. `now` is when the vote arrived.
 */
export async function castVoteIn(tx: Tx, ctx: AppContext, input: CastVoteInput, now: Date): Promise<VoteWritten> {
  const member = ctx.directory.resolve(input.actor);
  const ballot = input.choice === null ? null : validateBallot(input.choice, input.reason);
  {
    const id = input.applicationId;
    const app = Number.isSafeInteger(id) && id > 0 ? await tx.application.findUnique({ where: { id }, select: { id: true, status: true, applicantId: true } }) : null;
    if (!app) throw notFound(id);
    const number = applicationNumber(app.id);
    assertAllowed("vote", { status: app.status as Status, applicantId: app.applicantId }, member);
    const round = await tx.voteRound.findFirst({
      where: { applicationId: app.id },
      orderBy: { number: "desc" },
      select: { id: true, number: true, openedAt: true, closedAt: true, deadline: true, roster: true, quorum: true },
    });
    const meetingMode = ctx.policy.commission.votingMode === "meeting";
    const pastDeadline = !!round && !round.closedAt && !!round.deadline && round.deadline <= now;
    if (!round || round.closedAt || pastDeadline) {
      const meeting = meetingMode ? await tx.meetingItem.findUnique({ where: { applicationId: app.id } }) : null;
      if (meeting) {
        // A closed round, or one past its window, belongs to a meeting that has happened: say so in the past tense.
        // A round opened before this meeting's window belongs to an earlier meeting (the item was moved).
        const w = meetingWindow(meeting.meetingAt, ctx.policy.commission.meetingVoteHours);
        const windowOver = w.closesAt <= now;
        const thisMeetingsRound = !!round && round.openedAt >= w.opensAt;
        const state = thisMeetingsRound && (round.closedAt || pastDeadline || windowOver) ? "closed" : windowOver ? "missed" : "upcoming";
        throw new DomainError("vote_closed", meetingVoteRefusal(number, meeting, state, ctx.policy.city.timeZone));
      }
      if (pastDeadline) throw new DomainError("vote_closed", `The vote on ${number} reached its deadline and is closing.`);
      throw new DomainError("vote_closed", meetingMode ? `Votes on ${number} are taken at a commission meeting; it is not on an agenda yet.` : `There is no open commission vote on ${number}.`);
    }
    const roster = rosterOf(round);
    if (!roster.includes(member.personId))
      throw new DomainError("forbidden", `You were not on the commission roster when vote ${round.number} on ${number} opened, so you cannot vote in it.`);

    const existing = await tx.vote.findUnique({ where: { roundId_personId: { roundId: round.id, personId: member.personId } } });
    const before = existing ? { choice: existing.choice, reason: existing.reason } : null;
    let changed = true;
    let audit: Parameters<typeof writeAudit>[1] | null = null;
    if (ballot === null) {
      const onlyIf = "onlyIf" in input ? input.onlyIf : undefined;
      if (!existing || (onlyIf && existing.choice !== onlyIf)) changed = false;
      else {
        // Conditioned on what we read: a concurrent change makes this count 0 and the transaction starts over.
        const gone = await tx.vote.deleteMany({ where: { id: existing.id, choice: existing.choice } });
        if (gone.count !== 1) throw new StaleRead();
        audit = {
          applicationId: app.id,
          member,
          roles: ["commissioner", "chair"],
          action: "vote_withdrawn",
          summary: `Withdrew ${CHOICE_LABELS[existing.choice as Choice]} in vote ${round.number} (${input.source})`,
          before: { choice: existing.choice, reason: existing.reason },
          at: now,
        };
      }
    } else if (existing && existing.choice === ballot.choice && (existing.reason ?? null) === ballot.reason) {
      changed = false;
    } else {
      // create/conditional update rather than upsert: two clicks racing must not both count as a change. The loser
      // gets a unique-key conflict or a zero-row update, and its retry finds the vote already as it wanted.
      if (!existing) {
        await tx.vote.create({ data: { roundId: round.id, personId: member.personId, choice: ballot.choice, reason: ballot.reason, source: input.source, castAt: now, updatedAt: now } });
      } else {
        const { count } = await tx.vote.updateMany({
          where: { id: existing.id, choice: existing.choice, reason: existing.reason },
          data: { choice: ballot.choice, reason: ballot.reason, source: input.source, updatedAt: now },
        });
        if (count !== 1) throw new StaleRead();
      }
      audit = {
        applicationId: app.id,
        member,
        roles: ["commissioner", "chair"],
        action: existing ? "vote_changed" : "vote_cast",
        summary: `${existing ? "Changed vote to" : "Voted"} ${CHOICE_LABELS[ballot.choice]}${ballot.reason ? ` (${ballot.reason})` : ""} in vote ${round.number} (${input.source})`,
        ...(before ? { before } : {}),
        after: { choice: ballot.choice, reason: ballot.reason },
        at: now,
      };
    }
    // Last, take the round's row lock with a no-op write conditioned on "still open". Closing takes the same lock
    // first and then counts, so a vote is either in the count or rolled back here — and taking it last keeps the
    // lock, which every vote of the round needs, held for one round trip instead of the whole transaction.
    // The audit entry comes after it: appending takes the application's audit-chain lock, and closing takes the
    // round's lock before the chain's, so both take them in the same order (no deadlock).
    if (changed) {
      const lock = await tx.voteRound.updateMany({ where: { id: round.id, closedAt: null }, data: { quorum: round.quorum } });
      if (lock.count !== 1) throw new DomainError("vote_closed", `The vote on ${number} just closed.`);
      if (audit) await writeAudit(tx, audit);
    }
    return { changed, choice: ballot ? ballot.choice : null, round: { id: round.id, roster, quorum: round.quorum } };
  }
}
