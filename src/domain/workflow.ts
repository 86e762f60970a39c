// The workflow in one table: for each status, what may be done, which next steps are offered as buttons, which
// reminder runs while the application waits there, and whose queue it is in. Use cases, reminders, lists and
// views read it instead of keeping their own status lists.
import type { Role } from "./policy.js";

/** Where an application stands. Mirrors the Prisma enum ApplicationStatus (test/domain/enums.test.ts checks it). */
export const STATUSES = [
  "draft",
  "submitted",
  "returned",
  "rejected",
  "commission_review",
  "commission_approved",
  "commission_denied",
  "council_scheduled",
  "council_adopted",
  "council_rejected",
  "established",
  "withdrawn",
] as const;
export type Status = (typeof STATUSES)[number];

/** Every step someone can take on an application. */
export type Action =
  | "edit"
  | "submit"
  | "accept"
  | "return"
  | "reject"
  | "open_vote"
  | "vote"
  | "close_vote"
  | "schedule_council"
  | "record_council"
  | "record_agreement"
  | "withdraw";

/** The reminders that run while an application waits in a status (the commission's vote nudges are per round). */
export type WaitingTopic = "intake" | "council" | "agreement";

/** The role queues (lists and App Home). */
export type QueueId = "intake" | "council" | "commission";

/** One status's row. `steps` are the actions offered as buttons on the status card, in the order shown. */
export interface StatusRow {
  actions: readonly Action[];
  steps: readonly Action[];
  reminder: WaitingTopic | null;
  queue: QueueId | null;
}

/** The table. Votes and closing a vote happen on the commission card, so they are actions but not status-card steps. */
export const WORKFLOW: { readonly [S in Status]: StatusRow } = {
  draft: { actions: ["edit", "submit", "withdraw"], steps: ["edit", "withdraw"], reminder: null, queue: null },
  submitted: { actions: ["accept", "return", "reject", "withdraw"], steps: ["accept", "return", "reject", "withdraw"], reminder: "intake", queue: "intake" },
  returned: { actions: ["edit", "submit", "withdraw"], steps: ["edit", "withdraw"], reminder: null, queue: null },
  rejected: { actions: [], steps: [], reminder: null, queue: null },
  commission_review: { actions: ["open_vote", "vote", "close_vote", "withdraw"], steps: ["open_vote", "withdraw"], reminder: null, queue: "commission" },
  commission_approved: { actions: ["schedule_council", "record_council", "withdraw"], steps: ["schedule_council", "record_council", "withdraw"], reminder: "council", queue: "council" },
  commission_denied: { actions: [], steps: [], reminder: null, queue: null },
  council_scheduled: { actions: ["schedule_council", "record_council", "withdraw"], steps: ["schedule_council", "record_council", "withdraw"], reminder: "council", queue: "council" },
  council_adopted: { actions: ["record_agreement"], steps: ["record_agreement"], reminder: "agreement", queue: "council" },
  council_rejected: { actions: [], steps: [], reminder: null, queue: null },
  established: { actions: [], steps: [], reminder: null, queue: null },
  withdrawn: { actions: [], steps: [], reminder: null, queue: null },
};

/** Where a decision moves an application: the director's intake, the commission's vote, City Council's decision. */
export const DECISIONS = {
  intake: { accept: "commission_review", return: "returned", reject: "rejected" },
  vote: { approved: "commission_approved", denied: "commission_denied", no_quorum: "commission_review" },
  council: { adopted: "council_adopted", rejected: "council_rejected" },
} as const satisfies Record<string, Record<string, Status>>;

/** Who works each queue, and its title. */
export const QUEUES: { readonly [Q in QueueId]: { roles: readonly Role[]; title: string } } = {
  intake: { roles: ["director"], title: "Waiting for your intake decision" },
  council: { roles: ["director", "clerk"], title: "Waiting for City Council or the agreement" },
  commission: { roles: ["commissioner", "chair"], title: "With the commission" },
};

/** The statuses from which `action` may be taken. */
export function statusesAllowing(action: Action): Status[] {
  return STATUSES.filter((s) => WORKFLOW[s].actions.includes(action));
}

/** The statuses in which a `topic` reminder runs. */
export function statusesRemindedAbout(topic: WaitingTopic): Status[] {
  return STATUSES.filter((s) => WORKFLOW[s].reminder === topic);
}

/** The statuses in a queue. */
export function statusesInQueue(queue: QueueId): Status[] {
  return STATUSES.filter((s) => WORKFLOW[s].queue === queue);
}

/** The next steps offered on the status card, among those the viewer may take. */
export function nextSteps(status: Status, allowed: readonly Action[]): Action[] {
  return WORKFLOW[status].steps.filter((a) => allowed.includes(a));
}
