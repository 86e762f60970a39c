import type { Actor } from "../domain/actors.js";
import { hasRole } from "../domain/actors.js";
import { DomainError } from "../domain/errors.js";
import { nextOccurrence, parseCron } from "../domain/schedule.js";
import { applicationNumber } from "../domain/status.js";
import { WORKFLOW, type Status } from "../domain/workflow.js";
import { StaleRead } from "../store/store.js";
import { writeAudit } from "./audit.js";
import type { AppContext } from "./context.js";
import { loadApplication } from "./read-model.js";
import { queueNext, stopReminders } from "./reminders.js";

/**
 * The director sets this application's council-reminder schedule (a cron expression in the city's time zone), or
 * clears it (null) to go back to the policy's. The pending reminder moves to the new schedule at once.
 */
export async function setReminderSchedule(ctx: AppContext, input: { actor: Actor; applicationId: number; cron: string | null }): Promise<{ next: Date | null }> {
  const member = ctx.directory.resolve(input.actor);
  if (!hasRole(member, "director")) throw new DomainError("forbidden", "Only the Community Services Director can change reminder schedules.");
  const cron = input.cron === null || input.cron.trim() === "" ? null : parseCron(input.cron).source;
  if (cron) nextOccurrence(parseCron(cron), ctx.policy.city.timeZone, ctx.clock()); // refuses schedules that never come round
  const now = ctx.clock();
  const next = await ctx.store.transaction(async (tx) => {
    const app = await loadApplication(tx, input.applicationId);
    const { count } = await tx.application.updateMany({ where: { id: app.id, revision: app.revision }, data: { reminderCron: cron, revision: { increment: 1 } } });
    if (count !== 1) throw new StaleRead();
    await writeAudit(tx, {
      applicationId: app.id,
      member,
      roles: ["director"],
      action: "reminder_schedule_set",
      summary: `${applicationNumber(app.id)}: council reminders ${cron ? `on "${cron}"` : "back to the policy's schedule"}`,
      before: { reminderCron: app.reminderCron },
      after: { reminderCron: cron },
      at: now,
    });
    if (WORKFLOW[app.status as Status].reminder !== "council") return null;
    await stopReminders(tx, app.id, ["council"]);
    return queueNext(tx, ctx, app.id, "council", now, 1, cron);
  });
  return { next };
}
