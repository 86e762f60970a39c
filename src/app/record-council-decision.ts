import { z } from "zod";
import type { Actor } from "../domain/actors.js";
import { applicationNumber, assertAllowed, type Status } from "../domain/status.js";
import { textCard } from "../views/model.js";
import { formatDate } from "../views/application-summary.js";
import { writeAudit } from "./audit.js";
import type { AppContext } from "./context.js";
import { DECISIONS } from "../domain/workflow.js";
import { transition } from "./transition.js";
import { calendarDate, optionalText, parseForm } from "./inputs.js";
import { notify } from "./outbox.js";
import { loadApplication } from "./read-model.js";
import { queueNext, stopReminders } from "./reminders.js";

const schema = z.object({
  meetingDate: calendarDate("The meeting date"),
  decision: z.enum(["adopted", "rejected"], { error: "Choose adopted or rejected." }),
  resolution: optionalText("The resolution number", 50),
  notes: optionalText("Notes", 1000),
});

/** The clerk or director records City Council's final decision. */
export async function recordCouncilDecision(
  ctx: AppContext,
  input: { actor: Actor; applicationId: number; form: Record<string, unknown> },
): Promise<{ status: Status }> {
  const member = ctx.directory.resolve(input.actor);
  const now = ctx.clock();
  const f = parseForm(schema, input.form);
  const next: Status = DECISIONS.council[f.decision === "adopted" ? "adopted" : "rejected"];
  await ctx.store.transaction(async (tx) => {
    const app = await loadApplication(tx, input.applicationId);
    assertAllowed("record_council", { status: app.status as Status, applicantId: app.applicantId }, member);
    await transition(tx, app, next, now);
    const data = { meetingDate: f.meetingDate, adopted: f.decision === "adopted", resolution: f.resolution, notes: f.notes, recordedById: member.personId, recordedAt: now };
    await tx.councilDecision.upsert({ where: { applicationId: app.id }, create: { applicationId: app.id, ...data }, update: data });
    await stopReminders(tx, app.id, ["council"]);
    if (f.decision === "adopted") await queueNext(tx, ctx, app.id, "agreement", now, 1);
    const number = applicationNumber(app.id);
    const line = `City Council ${f.decision} ${number} on ${formatDate(f.meetingDate, "UTC")}${f.resolution ? ` (resolution ${f.resolution})` : ""}.`;
    await writeAudit(tx, {
      applicationId: app.id,
      member,
      roles: ["clerk", "director"],
      action: `council_${f.decision}`,
      summary: line,
      before: { status: app.status },
      after: { status: next, meetingDate: f.meetingDate.toISOString(), resolution: f.resolution, notes: f.notes },
      at: now,
    });
    await notify(tx, app.id, app.applicantId, textCard(`${number}: council ${f.decision}`, line, f.decision === "adopted" ? "good" : "attention"), now);
  });
  ctx.after.kickDeliveries();
  ctx.after.refreshCards(input.applicationId);
  return { status: next };
}
