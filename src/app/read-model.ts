import { draftSchema, type Draft } from "../domain/application.js";
import { evaluateCriteria, type Criterion } from "../domain/criteria.js";
import { DomainError } from "../domain/errors.js";
import type { Directory } from "../domain/actors.js";
import type { Policy } from "../domain/policy.js";
import { applicationNumber, type Status } from "../domain/status.js";
import { tally, type Choice, type Outcome } from "../domain/votes.js";
import type { Tx } from "../store/store.js";
import type { ApplicationInfo, RoundInfo } from "../views/application-summary.js";

/** The Application row as use cases see it. */
export type ApplicationRow = NonNullable<Awaited<ReturnType<Tx["application"]["findUnique"]>>>;
/** A VoteRound row with its votes. */
export type RoundRow = NonNullable<Awaited<ReturnType<typeof latestRound>>>;

/** Stored answers, re-validated on the way out so a view never trusts the database blindly. */
export function answersOf(row: Pick<ApplicationRow, "data">): Draft {
  const parsed = draftSchema.safeParse(row.data);
  return parsed.success ? parsed.data : {};
}

/** The refusal for an application number that does not exist, in words a person understands. */
export function notFound(id: number): DomainError {
  return new DomainError("not_found", `There is no application ${Number.isSafeInteger(id) && id > 0 ? applicationNumber(id) : String(id)}.`);
}

/** Loads an application or refuses with "not found". */
export async function loadApplication(tx: Tx, id: number): Promise<ApplicationRow> {
  const row = Number.isSafeInteger(id) && id > 0 ? await tx.application.findUnique({ where: { id } }) : null;
  if (!row) throw notFound(id);
  return row;
}

/** The application as views need it. */
export function infoOf(row: ApplicationRow): ApplicationInfo {
  return {
    id: row.id,
    status: row.status as Status,
    applicantName: row.applicantName,
    answers: answersOf(row),
    statusReason: row.statusReason,
    submittedAt: row.submittedAt,
    currentVersion: row.currentVersion,
  };
}

/** The policy checklist for an application. */
export function criteriaOf(row: ApplicationRow, policy: Policy): Criterion[] {
  return evaluateCriteria(answersOf(row), policy);
}

/** The newest vote round of an application, with its votes (oldest first). */
export function latestRound(tx: Tx, applicationId: number) {
  return tx.voteRound.findFirst({
    where: { applicationId },
    orderBy: { number: "desc" },
    include: { votes: { orderBy: { castAt: "asc" } } },
  });
}

/** Person ids frozen in a round's roster. */
export function rosterOf(round: Pick<RoundRow, "roster">): string[] {
  return Array.isArray(round.roster) ? round.roster.filter((x): x is string => typeof x === "string") : [];
}

/** A round as views show it: the live tally while open, the stored roll call once closed. */
export function roundInfo(round: RoundRow, policy: Policy, directory: Directory): RoundInfo {
  const roster = rosterOf(round);
  const votes = round.votes.map((v) => ({ personId: v.personId, choice: v.choice as Choice, reason: v.reason, castAt: v.updatedAt }));
  const t = tally(roster, votes, round.quorum, policy.commission.approval);
  const name = (id: string) => directory.person(id)?.name ?? id;
  return {
    number: round.number,
    deadline: round.deadline,
    closedAt: round.closedAt,
    outcome: (round.outcome as Outcome | null) ?? null,
    tally: t,
    votes: votes.filter((v) => roster.includes(v.personId)).map((v) => ({ name: name(v.personId), choice: v.choice, reason: v.reason, castAt: v.castAt })),
    notVotedNames: t.notVoted.map(name),
  };
}
