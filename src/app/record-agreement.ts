import { z } from "zod";
import type { Actor } from "../domain/actors.js";
import { applicationNumber, assertAllowed, type Status } from "../domain/status.js";
import { isolate, textCard } from "../views/model.js";
import { cityTitle, formatDate } from "../views/application-summary.js";
import { writeAudit } from "./audit.js";
import type { AppContext } from "./context.js";
import { transition } from "./transition.js";
import { calendarDate, optionalUrl, parseForm, requiredLine } from "./inputs.js";
import { notify } from "./outbox.js";
import { answersOf, loadApplication } from "./read-model.js";
import { stopReminders } from "./reminders.js";

const schema = z.object({
  signedOn: calendarDate("The signing date"),
  ourMayor: requiredLine("Our mayor's name", 100),
  theirMayor: requiredLine("Their mayor's name", 100),
  documentUrl: optionalUrl("The agreement link"),
});

/** Records the agreement both mayors signed: the relationship is established. */
export async function recordAgreement(ctx: AppContext, input: { actor: Actor; applicationId: number; form: Record<string, unknown> }): Promise<void> {
  const member = ctx.directory.resolve(input.actor);
  const now = ctx.clock();
  const f = parseForm(schema, input.form);
  await ctx.store.transaction(async (tx) => {
    const app = await loadApplication(tx, input.applicationId);
    assertAllowed("record_agreement", { status: app.status as Status, applicantId: app.applicantId }, member);
    await transition(tx, app, "established", now);
    await tx.agreement.create({ data: { applicationId: app.id, ...f, recordedById: member.personId, recordedAt: now } });
    await stopReminders(tx, app.id, ["agreement"]);
    const number = applicationNumber(app.id);
    // The record keeps plain text; the message isolates the typed names so right-to-left text reads correctly.
    const line = (plain: boolean) =>
      `${ctx.policy.city.name} and ${cityTitle(answersOf(app), { plain })} are Sister Cities: agreement signed ${formatDate(f.signedOn, "UTC")} by ${plain ? f.ourMayor : isolate(f.ourMayor)} and ${plain ? f.theirMayor : isolate(f.theirMayor)}.`;
    await writeAudit(tx, {
      applicationId: app.id,
      member,
      roles: ["clerk", "director"],
      action: "agreement_signed",
      summary: line(true),
      before: { status: app.status },
      after: { status: "established", signedOn: f.signedOn.toISOString(), ourMayor: f.ourMayor, theirMayor: f.theirMayor, documentUrl: f.documentUrl },
      at: now,
    });
    await notify(tx, app.id, app.applicantId, textCard(`${number}: agreement signed`, line(false), "good"), now);
  });
  ctx.after.kickDeliveries();
  ctx.after.refreshCards(input.applicationId);
}
