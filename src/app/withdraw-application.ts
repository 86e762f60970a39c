import type { Actor } from "../domain/actors.js";
import { applicationNumber, assertAllowed, type Status } from "../domain/status.js";
import { textCard } from "../views/model.js";
import { writeAudit } from "./audit.js";
import type { AppContext } from "./context.js";
import { transition } from "./transition.js";
import { notify } from "./outbox.js";
import { loadApplication } from "./read-model.js";

/** The applicant withdraws before a final decision; an open vote is closed with the application. */
export async function withdrawApplication(ctx: AppContext, input: { actor: Actor; applicationId: number }): Promise<void> {
  const member = ctx.directory.resolve(input.actor);
  const now = ctx.clock();
  await ctx.store.transaction(async (tx) => {
    const app = await loadApplication(tx, input.applicationId);
    assertAllowed("withdraw", { status: app.status as Status, applicantId: app.applicantId }, member);
    await transition(tx, app, "withdrawn", now, { statusReason: null });
    // An open vote ends with the application; no outcome is recorded because nothing was decided.
    await tx.voteRound.updateMany({ where: { applicationId: app.id, closedAt: null }, data: { closedAt: now, closedById: member.personId } });
    // Pending reminders about it would only confuse people now.
    await tx.delivery.updateMany({ where: { applicationId: app.id, status: "pending", kind: "reminder" }, data: { status: "cancelled" } });
    const number = applicationNumber(app.id);
    await writeAudit(tx, { applicationId: app.id, member, action: "withdrawn", summary: `${number} withdrawn by the applicant`, before: { status: app.status }, after: { status: "withdrawn" }, at: now });
    if (app.status !== "draft")
      for (const d of ctx.directory.withRole("director"))
        await notify(tx, app.id, d.id, textCard(`${number} withdrawn`, `The applicant withdrew ${number}.`), now);
  });
  ctx.after.kickDeliveries();
  ctx.after.refreshCards(input.applicationId);
}
