import { DomainError } from "./errors.js";
import { hasRole, type Member } from "./actors.js";
import type { Role } from "./policy.js";

import { STATUSES, statusesAllowing, WORKFLOW, type Action, type Status } from "./workflow.js";

export { STATUSES, type Status, type Action };

/** Plain-words label for each status, as people see it. */
export const STATUS_LABELS: Record<Status, string> = {
  draft: "Draft",
  submitted: "Waiting for the Community Services Director",
  returned: "Returned to the applicant",
  rejected: "Rejected by the Community Services Director",
  commission_review: "With the Community Services Commission",
  commission_approved: "Approved by the Commission, waiting for City Council",
  commission_denied: "Denied by the Commission",
  council_scheduled: "Scheduled for City Council",
  council_adopted: "Adopted by City Council, waiting for the signed agreement",
  council_rejected: "Rejected by City Council",
  established: "Sister City relationship established",
  withdrawn: "Withdrawn by the applicant",
};

type Who = "applicant" | Role;

interface Rule {
  /** Derived from the workflow table, never written here. */
  from: readonly Status[];
  who: readonly Who[];
  /** What the refusal says when the status is wrong. */
  when: string;
}

// Who may take each action, and what a refusal for the wrong status says; from which statuses is the workflow table's.
const WHO: Record<Action, Omit<Rule, "from">> = {
  edit: { who: ["applicant"], when: "only a draft or a returned application can be edited" },
  submit: { who: ["applicant"], when: "only a draft or a returned application can be submitted" },
  accept: { who: ["director"], when: "only a submitted application can be accepted for the commission" },
  return: { who: ["director"], when: "only a submitted application can be returned" },
  reject: { who: ["director"], when: "only a submitted application can be rejected" },
  open_vote: { who: ["director", "chair"], when: "a vote can only be opened while the commission has the application" },
  vote: { who: ["commissioner", "chair"], when: "the commission is not voting on this application" },
  close_vote: { who: ["director", "chair"], when: "there is no commission vote to close" },
  schedule_council: {
    who: ["director", "clerk"],
    when: "only a commission-approved application can be scheduled for City Council",
  },
  record_council: {
    who: ["director", "clerk"],
    when: "a council decision can only be recorded after the commission approved",
  },
  record_agreement: {
    who: ["director", "clerk"],
    when: "the agreement can only be recorded after City Council adopted the relationship",
  },
  withdraw: {
    who: ["applicant"],
    when: "an application can only be withdrawn before a final decision",
  },
};

/** The whole status machine: from which statuses each action is allowed (the workflow table), and who may take it. */
export const RULES = {} as Record<Action, Rule>;
for (const a of Object.keys(WHO) as Action[]) RULES[a] = { ...WHO[a], from: statusesAllowing(a) };

const WHO_LABEL: Record<Who, string> = {
  applicant: "the applicant",
  director: "the Community Services Director",
  chair: "the commission chair",
  commissioner: "a commissioner",
  clerk: "the council clerk",
  escalation: "the escalation contact",
};

/** Final statuses: nothing more happens to the application. */
export const FINAL_STATUSES: readonly Status[] = STATUSES.filter((st) => WORKFLOW[st].actions.length === 0);

/** Whether `member` may take `action` on an application in `status` owned by `applicantId`; the reason if not. */
export function check(action: Action, app: { status: Status; applicantId: string }, member: Member): { ok: true } | { ok: false; error: DomainError } {
  const rule = RULES[action];
  const isApplicant = app.applicantId === member.personId;
  const allowed = rule.who.some((w) => (w === "applicant" ? isApplicant : hasRole(member, w)));
  if (!allowed) {
    const who = rule.who.map((w) => WHO_LABEL[w]).join(" or ");
    return { ok: false, error: new DomainError("forbidden", `Only ${who} can do that.`) };
  }
  if (!rule.from.includes(app.status)) {
    return {
      ok: false,
      error: new DomainError("invalid_transition", `That can't be done now: ${rule.when}. This one is: ${STATUS_LABELS[app.status]}.`),
    };
  }
  return { ok: true };
}

/** Like `check`, but throws the refusal. */
export function assertAllowed(action: Action, app: { status: Status; applicantId: string }, member: Member): void {
  const r = check(action, app, member);
  if (!r.ok) throw r.error;
}

/** Actions `member` could take now; views use it to decide which buttons to show. */
export function allowedActions(app: { status: Status; applicantId: string }, member: Member): Action[] {
  return (Object.keys(RULES) as Action[]).filter((a) => check(a, app, member).ok);
}

/** "SC-0042": how people refer to an application. */
export function applicationNumber(id: number): string {
  return `SC-${String(id).padStart(4, "0")}`;
}

/** Parses "SC-0042", "sc-42", "#42" or "42" into 42; undefined when it is not an application number. */
export function parseApplicationNumber(s: string): number | undefined {
  const m = /^(?:sc-?|#)?0*(\d{1,9})$/i.exec(s.trim());
  if (!m?.[1]) return undefined;
  const n = Number(m[1]);
  return n > 0 ? n : undefined;
}
