import { z } from "zod";
import type { Actor } from "../domain/actors.js";
import { applicationNumber, assertAllowed, type Status } from "../domain/status.js";
import { StaleRead } from "../store/store.js";
import { formatDate } from "../views/application-summary.js";
import { writeAudit } from "./audit.js";
import type { AppContext } from "./context.js";
import { calendarDate, parseForm } from "./inputs.js";
import { loadApplication } from "./read-model.js";
import { queueNext, stopReminders } from "./reminders.js";

const schema = z.object({ meetingDate: calendarDate("The meeting date") });

/** The director or clerk puts a commission-approved application on a City Council agenda (or moves it). */
export async function scheduleCouncil(ctx: AppContext, input: { actor: Actor; applicationId: number; meetingDate: unknown }): Promise<{ meetingDate: Date }> {
  const member = ctx.directory.resolve(input.actor);
  const now = ctx.clock();
  const { meetingDate } = parseForm(schema, { meetingDate: input.meetingDate });
  await ctx.store.transaction(async (tx) => {
    const app = await loadApplication(tx, input.applicationId);
    assertAllowed("schedule_council", { status: app.status as Status, applicantId: app.applicantId }, member);
    const { count } = await tx.application.updateMany({
      where: { id: app.id, revision: app.revision },
      data: { status: "council_scheduled", statusChangedAt: now, revision: { increment: 1 } },
    });
    if (count !== 1) throw new StaleRead();
    const prior = await tx.councilDecision.findUnique({ where: { applicationId: app.id } });
    await tx.councilDecision.upsert({
      where: { applicationId: app.id },
      create: { applicationId: app.id, meetingDate, recordedById: member.personId, recordedAt: now },
      update: { meetingDate, recordedById: member.personId, recordedAt: now },
    });
    // Setting the date is an action: the unanswered count starts again.
    await stopReminders(tx, app.id, ["council"]);
    await queueNext(tx, ctx, app.id, "council", now, 1, app.reminderCron);
    const day = formatDate(meetingDate, "UTC");
    await writeAudit(tx, {
      applicationId: app.id,
      member,
      roles: ["clerk", "director"],
      action: "council_scheduled",
      summary: `${applicationNumber(app.id)} ${prior ? "moved" : "scheduled"} for City Council on ${day}`,
      before: { status: app.status, ...(prior ? { meetingDate: prior.meetingDate.toISOString() } : {}) },
      after: { status: "council_scheduled", meetingDate: meetingDate.toISOString() },
      at: now,
    });
  });
  ctx.after.refreshCards(input.applicationId);
  return { meetingDate };
}
