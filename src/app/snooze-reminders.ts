import type { Actor } from "../domain/actors.js";
import { hasRole } from "../domain/actors.js";
import { DomainError } from "../domain/errors.js";
import { applicationNumber } from "../domain/status.js";
import { writeAudit } from "./audit.js";
import type { AppContext } from "./context.js";
import { loadApplication } from "./read-model.js";
import { queueReminder, stopReminders } from "./reminders.js";
import { WORKFLOW, type Status } from "../domain/workflow.js";

/** The director or clerk pauses an application's reminders for the policy's snooze period. */
export async function snoozeReminders(ctx: AppContext, input: { actor: Actor; applicationId: number }): Promise<{ until: Date }> {
  const member = ctx.directory.resolve(input.actor);
  if (!hasRole(member, "director", "clerk")) throw new DomainError("forbidden", "Only the Community Services Director or the council clerk can snooze reminders.");
  const now = ctx.clock();
  const until = new Date(now.getTime() + ctx.policy.reminders.snoozeDays * 86_400_000);
  await ctx.store.transaction(async (tx) => {
    const app = await loadApplication(tx, input.applicationId);
    const topic = WORKFLOW[app.status as Status].reminder;
    if (!topic) throw new DomainError("invalid_transition", `${applicationNumber(app.id)} has no reminders to snooze.`);
    await stopReminders(tx, app.id, [topic]);
    await queueReminder(tx, app.id, { type: "reminder", topic, count: 1 }, until);
    await writeAudit(tx, { applicationId: app.id, member, roles: ["director", "clerk"], action: "reminders_snoozed", summary: `Reminders snoozed until ${until.toISOString()}`, at: now });
  });
  return { until };
}
