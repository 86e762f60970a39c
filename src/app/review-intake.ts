import { z } from "zod";
import type { Actor } from "../domain/actors.js";
import { DomainError } from "../domain/errors.js";
import { applicationNumber, assertAllowed, type Status } from "../domain/status.js";
import { DECISIONS } from "../domain/workflow.js";
import { textCard } from "../views/model.js";
import { cityTitle } from "../views/application-summary.js";
import { notices } from "../views/replies.js";
import { writeAudit } from "./audit.js";
import type { AppContext } from "./context.js";
import { commandPrefixFor } from "./targets.js";
import { transition } from "./transition.js";
import { enqueue, notify } from "./outbox.js";
import { answersOf, loadApplication } from "./read-model.js";
import { openRound } from "./rounds.js";
import { stopReminders } from "./reminders.js";

export type IntakeDecision = "accept" | "return" | "reject";

const reasonSchema = z
  .string()
  .transform((s) => s.trim())
  .pipe(z.string().min(1, "Give a reason; the applicant will see it.").max(500, "The reason must be at most 500 characters."));


/** The director accepts an application for the commission, returns it for changes, or rejects it. */
export async function reviewIntake(
  ctx: AppContext,
  input: { actor: Actor; applicationId: number; decision: IntakeDecision; reason?: string },
): Promise<{ status: Status }> {
  const member = ctx.directory.resolve(input.actor);
  const now = ctx.clock();
  let reason: string | null = null;
  if (input.decision !== "accept") {
    const r = reasonSchema.safeParse(input.reason ?? "");
    if (!r.success) {
      const msg = r.error.issues[0]?.message ?? "Give a reason.";
      throw new DomainError("invalid_input", msg, { reason: msg });
    }
    reason = r.data;
  }

  const status = await ctx.store.transaction(async (tx) => {
    const app = await loadApplication(tx, input.applicationId);
    assertAllowed(input.decision, { status: app.status as Status, applicantId: app.applicantId }, member);
    const next = DECISIONS.intake[input.decision];
    await transition(tx, app, next, now, { statusReason: reason });
    const number = applicationNumber(app.id);
    const title = `${number} (${cityTitle(answersOf(app))})`;
    await writeAudit(tx, {
      applicationId: app.id,
      member,
      roles: ["director"],
      action: `intake_${input.decision}`,
      summary: { accept: "Accepted for the commission", return: `Returned: ${reason}`, reject: `Rejected: ${reason}` }[input.decision],
      before: { status: app.status },
      after: { status: next, ...(reason ? { reason } : {}) },
      at: now,
    });

    await stopReminders(tx, app.id, ["intake"]);
    if (input.decision === "accept") {
      if (ctx.policy.commission.votingMode === "open") await openRound(tx, ctx, app.id, member, now);
      await enqueue(tx, { applicationId: app.id, payload: { type: "card", card: "commission", to: { channel: "commission" } }, dueAt: now });
      await notify(tx, app.id, app.applicantId, textCard(`${number} accepted`, `Your application ${title} was accepted for the Community Services Commission.`, "good"), now);
    } else if (input.decision === "return") {
      await notify(tx, app.id, app.applicantId, notices.returned(number, title, reason ?? "", commandPrefixFor(ctx, app.applicantId)), now);
    } else {
      await notify(tx, app.id, app.applicantId, textCard(`${number} rejected`, `Your application ${title} was rejected by the Community Services Director: ${reason}`, "attention"), now);
    }
    return next;
  });

  ctx.after.kickDeliveries();
  ctx.after.refreshCards(input.applicationId);
  return { status };
}
