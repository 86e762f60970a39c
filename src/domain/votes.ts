import { z } from "zod";
import { DomainError } from "./errors.js";
import type { Policy } from "./policy.js";

/** A commissioner's choice. Mirrors the Prisma enum VoteChoice. */
export const CHOICES = ["approve", "deny", "abstain", "recuse"] as const;
export type Choice = (typeof CHOICES)[number];
/** How a closed vote ended. Mirrors the Prisma enum VoteOutcome (test/domain/enums.test.ts checks it). */
export const OUTCOMES = ["approved", "denied", "no_quorum"] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Label for each choice, as shown on cards and in the roll call. */
export const CHOICE_LABELS: Record<Choice, string> = { approve: "Approve", deny: "Deny", abstain: "Abstain", recuse: "Recuse" };

/** One member's live vote. */
export interface CastVote {
  personId: string;
  choice: Choice;
  reason?: string | null;
  castAt: Date;
}

/** The count of a round at a moment, with what closing it now would decide. */
export interface Tally {
  approve: number;
  deny: number;
  abstain: number;
  recuse: number;
  /** Members counted toward quorum: everyone who voted except those recused. */
  present: number;
  rosterSize: number;
  quorum: number;
  quorumMet: boolean;
  notVoted: string[];
  outcomeIfClosedNow: Outcome;
}

export type VoteRules = Pick<Policy["commission"], "quorum" | "approval">;

/** Quorum for a roster: a majority of members unless the policy fixes a number. */
export function quorumFor(rosterSize: number, rule: VoteRules["quorum"]): number {
  return rule === "majority" ? Math.floor(rosterSize / 2) + 1 : rule;
}

/** Refuses to open a vote that could never reach quorum. */
export function assertRosterCanVote(rosterSize: number, quorum: number): void {
  if (rosterSize === 0) throw new DomainError("not_configured", "No commissioners are configured, so the commission cannot vote. Ask the city's IT contact to add them to the policy file.");
  if (quorum > rosterSize)
    throw new DomainError("not_configured", `The policy's quorum (${quorum}) is larger than the commission (${rosterSize} members); the vote could never pass.`);
}

/** Counts a round. Votes from people not on the round's roster are ignored. */
export function tally(roster: readonly string[], votes: readonly CastVote[], quorum: number, approval: VoteRules["approval"]): Tally {
  const onRoster = new Set(roster);
  const counts = { approve: 0, deny: 0, abstain: 0, recuse: 0 };
  const voted = new Set<string>();
  for (const v of votes) {
    if (!onRoster.has(v.personId) || voted.has(v.personId)) continue;
    voted.add(v.personId);
    counts[v.choice] += 1;
  }
  const present = counts.approve + counts.deny + counts.abstain;
  const quorumMet = present >= quorum;
  const passes =
    approval === "votes_cast" ? counts.approve > counts.deny : approval === "present" ? counts.approve * 2 > present : counts.approve * 2 > roster.length;
  return {
    ...counts,
    present,
    rosterSize: roster.length,
    quorum,
    quorumMet,
    notVoted: roster.filter((id) => !voted.has(id)),
    // A tie fails, as a motion does.
    outcomeIfClosedNow: !quorumMet ? "no_quorum" : passes ? "approved" : "denied",
  };
}

const reasonText = z
  .string()
  .transform((s) => s.trim())
  .refine((s) => s.length <= 500, "The reason must be at most 500 characters.")
  .refine((s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s), "The reason contains control characters.");

/** Checks a choice and its reason; a recusal must say why (it is part of the public record). */
export function validateBallot(choice: unknown, reason: unknown): { choice: Choice; reason: string | null } {
  const c = z.enum(CHOICES).safeParse(choice);
  if (!c.success) throw new DomainError("invalid_input", "Choose approve, deny, abstain or recuse.");
  const r = reasonText.optional().safeParse(reason ?? undefined);
  if (!r.success) throw new DomainError("invalid_input", r.error.issues[0]?.message ?? "The reason is not valid.", { reason: r.error.issues[0]?.message ?? "" });
  const why = r.data ?? "";
  if (c.data === "recuse" && why === "")
    throw new DomainError("invalid_input", "A recusal needs a reason (for example, a conflict of interest); it is part of the public record.", {
      reason: "Give the reason for the recusal.",
    });
  return { choice: c.data, reason: why === "" ? null : why };
}
