// Reminders are Delivery rows with a due time and a key that names one occurrence
// ("reminder:<application>:<topic>:<due ISO>"), so a retry or a second replica can never send the same one twice,
// and stopping a topic is one update. Only the next occurrence exists at a time: after downtime, the sweep sends
// what fell due once and schedules the next one from now.
import { nextOccurrence, parseCron } from "../domain/schedule.js";
import type { Tx } from "../store/store.js";
import type { AppContext } from "./context.js";
import { enqueue } from "./outbox.js";

/** What a reminder is about. */
export type ReminderTopic = "intake" | "council" | "agreement" | "nudge";

/** The payload of a reminder row; recipients and text are worked out when it is sent, from the state then. */
export interface ReminderPayload {
  type: "reminder";
  topic: ReminderTopic;
  /** How many reminders of this topic in a row went unanswered, this one included (for escalation). */
  count: number;
  /** For nudges: the vote round they belong to. */
  round?: number;
}

const keyPrefix = (applicationId: number, topic: ReminderTopic) => `reminder:${applicationId}:${topic}:`;

/** The schedule that applies to a topic for this application: the director's override, else the policy's. */
export function scheduleFor(ctx: AppContext, topic: Exclude<ReminderTopic, "nudge">, override?: string | null): string {
  if (topic === "council" && override) return override;
  return ctx.policy.reminders[topic];
}

/** Queues one reminder occurrence at `dueAt`; `tx` may be a transaction or the plain client. */
export async function queueReminder(tx: Tx, applicationId: number, payload: ReminderPayload, dueAt: Date): Promise<void> {
  const key = `${keyPrefix(applicationId, payload.topic)}${dueAt.toISOString()}`;
  const exists = await tx.delivery.findUnique({ where: { key }, select: { id: true, status: true } });
  if (!exists) await enqueue(tx, { applicationId, payload: payload as never, dueAt, key });
  // The same occurrence stopped earlier (e.g. the council date set twice in a day) comes back to life;
  // one that is pending, sending or sent already stays as it is, so nothing is ever sent twice.
  else if (exists.status === "cancelled")
    await tx.delivery.update({ where: { id: exists.id }, data: { status: "pending", payload: payload as never, attempts: 0, lastError: null, leaseUntil: null, sentRef: null } });
}

/** Queues the next occurrence of a recurring topic after `after`. */
export async function queueNext(
  tx: Tx,
  ctx: AppContext,
  applicationId: number,
  topic: Exclude<ReminderTopic, "nudge">,
  after: Date,
  count: number,
  override?: string | null,
): Promise<Date> {
  const due = nextOccurrence(parseCron(scheduleFor(ctx, topic, override)), ctx.policy.city.timeZone, after);
  await queueReminder(tx, applicationId, { type: "reminder", topic, count }, due);
  return due;
}

/** Stops reminders of the given topics for an application (their pending rows are cancelled, kept for the record). */
export async function stopReminders(tx: Tx, applicationId: number, topics: ReminderTopic[]): Promise<void> {
  await tx.delivery.updateMany({
    where: { status: "pending", kind: "reminder", OR: topics.map((t) => ({ key: { startsWith: keyPrefix(applicationId, t) } })) },
    data: { status: "cancelled" },
  });
}
