import { describe, expect, it } from "vitest";
import { DomainError } from "../../src/domain/errors.js";
import { assertRosterCanVote, quorumFor, tally, validateBallot, type CastVote, type Choice } from "../../src/domain/votes.js";

const roster = ["a", "b", "c", "d", "e", "f", "g"];
const at = new Date("2027-01-01T00:00:00Z");
const votes = (...choices: [string, Choice][]): CastVote[] => choices.map(([personId, choice]) => ({ personId, choice, castAt: at }));

describe("quorum", () => {
  it("defaults to a majority of the roster", () => {
    expect(quorumFor(7, "majority")).toBe(4);
    expect(quorumFor(6, "majority")).toBe(4);
    expect(quorumFor(1, "majority")).toBe(1);
    expect(quorumFor(7, 3)).toBe(3);
  });

  it("does not count recused members as present", () => {
    const t = tally(roster, votes(["a", "approve"], ["b", "approve"], ["c", "approve"], ["d", "recuse"]), 4, "votes_cast");
    expect(t.present).toBe(3);
    expect(t.quorumMet).toBe(false);
    expect(t.outcomeIfClosedNow).toBe("no_quorum");
  });

  it("counts abstentions as present", () => {
    const t = tally(roster, votes(["a", "approve"], ["b", "abstain"], ["c", "abstain"], ["d", "abstain"]), 4, "votes_cast");
    expect(t.quorumMet).toBe(true);
    expect(t.outcomeIfClosedNow).toBe("approved");
  });

  it("refuses a vote that could never reach quorum", () => {
    expect(() => assertRosterCanVote(0, 1)).toThrow(DomainError);
    expect(() => assertRosterCanVote(3, 5)).toThrow(/larger than the commission/);
    expect(() => assertRosterCanVote(5, 3)).not.toThrow();
  });
});

describe("majority", () => {
  it("approves when approvals exceed denials among votes cast", () => {
    const t = tally(roster, votes(["a", "approve"], ["b", "approve"], ["c", "deny"], ["d", "abstain"]), 4, "votes_cast");
    expect(t).toMatchObject({ approve: 2, deny: 1, abstain: 1, recuse: 0, quorumMet: true, outcomeIfClosedNow: "approved" });
  });

  it("a tie fails, as a motion does", () => {
    const t = tally(roster, votes(["a", "approve"], ["b", "approve"], ["c", "deny"], ["d", "deny"]), 4, "votes_cast");
    expect(t.outcomeIfClosedNow).toBe("denied");
  });

  it("'present' needs more than half of those present", () => {
    const v = votes(["a", "approve"], ["b", "approve"], ["c", "deny"], ["d", "abstain"]);
    expect(tally(roster, v, 4, "present").outcomeIfClosedNow).toBe("denied"); // 2 of 4 is not more than half
    expect(tally(roster, [...v, ...votes(["e", "approve"])], 4, "present").outcomeIfClosedNow).toBe("approved");
  });

  it("'roster' needs more than half of all members", () => {
    const v = votes(["a", "approve"], ["b", "approve"], ["c", "approve"], ["d", "abstain"]);
    expect(tally(roster, v, 4, "roster").outcomeIfClosedNow).toBe("denied");
    expect(tally(roster, [...v, ...votes(["e", "approve"])], 4, "roster").outcomeIfClosedNow).toBe("approved");
  });

  it("lists who has not voted and ignores votes from outside the roster", () => {
    const t = tally(roster, votes(["a", "approve"], ["zz", "approve"]), 4, "votes_cast");
    expect(t.approve).toBe(1);
    expect(t.notVoted).toEqual(["b", "c", "d", "e", "f", "g"]);
  });
});

describe("ballots", () => {
  it("accepts the four choices", () => {
    for (const c of ["approve", "deny", "abstain"] as const) expect(validateBallot(c, undefined)).toEqual({ choice: c, reason: null });
  });

  it("requires a reason to recuse", () => {
    expect(() => validateBallot("recuse", "")).toThrow(/recusal needs a reason/);
    expect(() => validateBallot("recuse", "   ")).toThrow(/recusal needs a reason/);
    expect(validateBallot("recuse", " My spouse works for the applicant ")).toEqual({ choice: "recuse", reason: "My spouse works for the applicant" });
  });

  it("refuses unknown choices, long reasons and control characters", () => {
    expect(() => validateBallot("maybe", undefined)).toThrow(/approve, deny, abstain or recuse/);
    expect(() => validateBallot("recuse", "x".repeat(501))).toThrow(/500/);
    expect(() => validateBallot("recuse", "bad\u0007bell")).toThrow(/control/);
  });
});
