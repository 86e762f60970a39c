import { z } from "zod";
import type { Actor } from "../domain/actors.js";
import { applicationNumber, assertAllowed, type Status } from "../domain/status.js";
import { formatDate } from "../views/application-summary.js";
import { writeAudit } from "./audit.js";
import type { AppContext } from "./context.js";
import { transition } from "./transition.js";
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
    await transition(tx, app, "council_scheduled", now);
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
