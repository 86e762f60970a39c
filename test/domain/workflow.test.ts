import { describe, expect, it } from "vitest";
import { FINAL_STATUSES, RULES } from "../../src/domain/status.js";
import { DECISIONS, nextSteps, QUEUES, STATUSES, statusesAllowing, WORKFLOW, type Action } from "../../src/domain/workflow.js";

describe("the workflow table", () => {
  it("offers as buttons only steps the status allows, and the status machine reads its statuses from the table", () => {
    for (const s of STATUSES) for (const step of WORKFLOW[s].steps) expect(WORKFLOW[s].actions, `${s}: ${step}`).toContain(step);
    for (const a of Object.keys(RULES) as Action[]) {
      expect(RULES[a].from).toEqual(statusesAllowing(a));
      expect(RULES[a].from.length, a).toBeGreaterThan(0);
    }
  });

  it("final statuses offer nothing, remind nobody and sit in no queue; every other status is somebody's to move", () => {
    for (const s of STATUSES) {
      const row = WORKFLOW[s];
      if (FINAL_STATUSES.includes(s)) expect(row).toEqual({ actions: [], steps: [], reminder: null, queue: null });
      else expect(row.actions.length, s).toBeGreaterThan(0);
    }
  });

  it("whatever the director is reminded about is in a queue the director sees", () => {
    for (const s of STATUSES) {
      const { reminder, queue } = WORKFLOW[s];
      if (!reminder) continue;
      expect(queue, s).not.toBeNull();
      expect(QUEUES[queue!].roles, s).toContain("director");
    }
  });

  it("next steps keep the table's order and drop what the viewer may not do", () => {
    expect(nextSteps("submitted", ["withdraw", "reject", "accept", "vote"])).toEqual(["accept", "reject", "withdraw"]);
    expect(nextSteps("commission_review", ["vote", "close_vote", "open_vote"])).toEqual(["open_vote"]);
  });

  it("each decision leads where the next step can happen: a vote after acceptance, reminders after approval and adoption", () => {
    expect(WORKFLOW[DECISIONS.intake.accept].actions).toContain("vote");
    expect(WORKFLOW[DECISIONS.intake.return].actions).toContain("submit");
    expect(FINAL_STATUSES).toContain(DECISIONS.intake.reject);
    expect(WORKFLOW[DECISIONS.vote.approved].reminder).toBe("council");
    expect(WORKFLOW[DECISIONS.vote.no_quorum].actions).toContain("open_vote");
    expect(FINAL_STATUSES).toContain(DECISIONS.vote.denied);
    expect(WORKFLOW[DECISIONS.council.adopted].reminder).toBe("agreement");
    expect(FINAL_STATUSES).toContain(DECISIONS.council.rejected);
  });
});
