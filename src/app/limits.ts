import type { Member } from "../domain/actors.js";
import { DomainError } from "../domain/errors.js";
import { FINAL_STATUSES, STATUSES, type Status } from "../domain/status.js";
import type { Tx } from "../store/store.js";
import { commandText } from "../views/replies.js";
import type { AppContext } from "./context.js";
import { commandPrefixFor } from "./targets.js";

/** Statuses of an application that is in progress: submitted and not yet final. */
export const IN_PROGRESS: Status[] = STATUSES.filter((s) => s !== "draft" && !FINAL_STATUSES.includes(s));

const HOUR_MS = 3_600_000;

/**
 * Takes the person's lock for the rest of the transaction: their drafts and submissions then run one after another,
 * so counting and creating cannot interleave and a burst of requests cannot slip past a limit.
 */
async function lockPerson(tx: Tx, personId: string, now: Date): Promise<void> {
  await tx.personLock.upsert({ where: { personId }, create: { personId, touchedAt: now }, update: { touchedAt: now } });
}

/** Refuses a new draft when the person already has the policy's number of drafts. */
export async function assertMayStartDraft(tx: Tx, ctx: AppContext, member: Member, now: Date): Promise<void> {
  await lockPerson(tx, member.personId, now);
  const max = ctx.policy.limits.openDrafts;
  const drafts = await tx.application.count({ where: { applicantId: member.personId, status: "draft" } });
  if (drafts >= max)
    throw new DomainError(
      "limit_reached",
      `You already have ${drafts} unfinished draft${drafts === 1 ? "" : "s"}, the most one person may keep (${max}). Finish or withdraw one first (say ${commandText(commandPrefixFor(ctx, member.personId), "status")} to see them).`,
    );
}

/**
 * Refuses a submission that would put the person over the policy's limits: applications in progress at once, and
 * submissions in any 60 minutes. `existing` is the draft or returned application being submitted, if any.
 */
export async function assertMaySubmit(tx: Tx, ctx: AppContext, member: Member, now: Date, existing: { id: number; status: string } | null): Promise<void> {
  await lockPerson(tx, member.personId, now);
  const { openApplications, submissionsPerHour } = ctx.policy.limits;
  // A returned application being resubmitted is already in progress: it does not add one.
  if (!existing || !IN_PROGRESS.includes(existing.status as Status)) {
    const open = await tx.application.count({ where: { applicantId: member.personId, status: { in: IN_PROGRESS } } });
    if (open >= openApplications)
      throw new DomainError(
        "limit_reached",
        `You already have ${open} application${open === 1 ? "" : "s"} in progress, the most one person may have at once (${openApplications}). You can submit another when one is decided or withdrawn; your answers here are not lost if you save them as a draft.`,
      );
  }
  const recent = await tx.applicationVersion.count({ where: { createdById: member.personId, createdAt: { gt: new Date(now.getTime() - HOUR_MS) } } });
  if (recent >= submissionsPerHour)
    throw new DomainError(
      "limit_reached",
      `You have submitted ${recent} time${recent === 1 ? "" : "s"} in the last hour, the most allowed (${submissionsPerHour} an hour). Please try again later; save your answers as a draft meanwhile.`,
    );
}
