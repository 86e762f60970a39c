import { nextOccurrence, parseCron } from "../domain/schedule.js";
import { WORKFLOW, type Status } from "../domain/workflow.js";
import { tally, type Choice } from "../domain/votes.js";
import { formatDate } from "../views/application-summary.js";
import type { CardView } from "../views/model.js";
import { nudgeView, reminderView } from "../views/reminder.js";
import type { AppContext } from "./context.js";
import type { Tx } from "../store/store.js";
import type { Target } from "./outbox.js";
import { answersOf, latestRound, rosterOf } from "./read-model.js";
import { queueReminder, scheduleFor, type ReminderPayload } from "./reminders.js";

/** What one reminder occurrence sends, and what to do once it is sent. */
export interface ReminderPlan {
  sends: { to: Target; view: CardView }[];
  /** Queues the next occurrence (recurring topics), in the transaction that marks this one sent. */
  afterSent(tx: Tx): Promise<void>;
}

/**
 * Works out a due reminder from the application's state now: who gets it and what it says, or null when the step
 * it is about is already done (then it is not sent at all).
 */
export async function planReminder(ctx: AppContext, applicationId: number, p: ReminderPayload): Promise<ReminderPlan | null> {
  const db = ctx.store.db;
  const now = ctx.clock();
  const app = await db.application.findUnique({ where: { id: applicationId } });
  if (!app) return null;
  const answers = answersOf(app);
  const tz = ctx.policy.city.timeZone;
  const directors = ctx.directory.withRole("director").map((d) => d.id);

  if (p.topic === "nudge") {
    const round = await latestRound(db, applicationId);
    if (!round || round.number !== p.round || round.closedAt || !round.deadline || app.status !== "commission_review") return null;
    const t = tally(rosterOf(round), round.votes.map((v) => ({ personId: v.personId, choice: v.choice as Choice, castAt: v.updatedAt })), round.quorum, ctx.policy.commission.approval);
    const view = nudgeView({ applicationId, answers, deadline: round.deadline, timeZone: tz });
    return { sends: t.notVoted.map((person) => ({ to: { person }, view })), afterSent: async () => undefined };
  }

  if (WORKFLOW[app.status as Status].reminder !== p.topic) return null;

  const missing: string[] = [];
  let since = app.statusChangedAt;
  if (p.topic === "intake") {
    since = app.submittedAt ?? app.statusChangedAt;
    missing.push("your decision: accept for the commission, return or reject");
  } else if (p.topic === "council") {
    const approved = await db.voteRound.findFirst({ where: { applicationId, outcome: "approved" }, orderBy: { number: "desc" }, select: { closedAt: true } });
    since = approved?.closedAt ?? app.statusChangedAt;
    const council = await db.councilDecision.findUnique({ where: { applicationId } });
    if (!council) missing.push("council date not set");
    else missing.push(`council meeting ${formatDate(council.meetingDate, "UTC")}`);
    missing.push("council decision not recorded", "agreement not signed");
  } else {
    const council = await db.councilDecision.findUnique({ where: { applicationId } });
    since = council?.recordedAt ?? app.statusChangedAt;
    missing.push("agreement not signed by both mayors");
  }

  const escalated = p.count >= ctx.policy.reminders.escalateAfter;
  const recipients = new Set(directors);
  if (p.topic !== "intake") for (const c of ctx.directory.withRole("clerk")) recipients.add(c.id);
  if (escalated) for (const e of ctx.directory.withRole("escalation")) recipients.add(e.id);
  const topic = p.topic;
  // The next occurrence counts from now, not from when this one was due: after downtime one reminder goes out,
  // not one per missed day.
  const next = nextOccurrence(parseCron(scheduleFor(ctx, topic, app.reminderCron)), tz, now);
  return {
    sends: [...recipients].map((person) => ({
      to: { person },
      view: reminderView({ applicationId, answers, topic, since, now, missing, count: p.count, escalated, timeZone: tz, snoozeDays: ctx.policy.reminders.snoozeDays, next }),
    })),
    async afterSent(tx) {
      await queueReminder(tx, applicationId, { type: "reminder", topic, count: p.count + 1 }, next);
    },
  };
}
