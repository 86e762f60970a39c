import { submissionProblems, submissionSchema, type FieldName } from "../domain/application.js";
import type { Actor } from "../domain/actors.js";
import { DomainError } from "../domain/errors.js";
import { applicationNumber, assertAllowed, type Status } from "../domain/status.js";
import { cityTitle } from "../views/application-summary.js";
import { submissionRefusal } from "../views/application-form.js";
import { collectAnswers } from "./answers.js";
import { writeAudit } from "./audit.js";
import { assertMaySubmit } from "./limits.js";
import type { AppContext } from "./context.js";
import { queueIntakeNotice } from "./intake-notices.js";
import { transition } from "./transition.js";
import { answersOf, loadApplication } from "./read-model.js";
import { queueReminder } from "./reminders.js";

/**
 * Submits a complete application (new, a draft, or a returned one edited). The answers are frozen as a new
 * version, the caller shows the applicant the confirmation (replies.submitted), and every director gets the intake card.
 */
export async function submitApplication(
  ctx: AppContext,
  input: { actor: Actor; applicationId?: number; answers: Record<string, unknown>; shownFields?: readonly FieldName[] },
): Promise<{ id: number; number: string; warnings: string[]; resubmitted: boolean }> {
  const member = ctx.directory.resolve(input.actor);
  const now = ctx.clock();
  const directors = ctx.directory.withRole("director");
  const warnings = directors.length === 0 ? ["No Community Services Director is configured; the application waits until one is added."] : [];

  const { appId: id, resubmitted } = await ctx.store.transaction(async (tx) => {
    const existing = input.applicationId === undefined ? null : await loadApplication(tx, input.applicationId);
    if (existing) assertAllowed("submit", { status: existing.status as Status, applicantId: existing.applicantId }, member);
    // Every problem at once: malformed answers, missing ones, and what a "yes" makes required.
    const { draft, errors } = collectAnswers(existing ? answersOf(existing) : {}, input.answers, input.shownFields);
    const problems = submissionProblems(draft, errors);
    const checked = submissionSchema.safeParse(draft);
    if (Object.keys(problems).length > 0 || !checked.success) throw new DomainError("invalid_input", submissionRefusal(problems), problems);
    const data = checked.data;
    await assertMaySubmit(tx, ctx, member, now, existing);
    const summary = { proposedCity: data.proposedCity, country: data.country };

    let appId: number;
    let version: number;
    if (!existing) {
      const app = await tx.application.create({
        data: {
          applicantId: member.personId,
          applicantName: member.name,
          status: "submitted",
          data,
          ...summary,
          currentVersion: 1,
          createdAt: now,
          submittedAt: now,
          statusChangedAt: now,
        },
      });
      appId = app.id;
      version = 1;
    } else {
      appId = existing.id;
      version = existing.currentVersion + 1;
      await transition(tx, existing, "submitted", now, { data, ...summary, currentVersion: version, submittedAt: now, statusReason: null });
    }
    await tx.applicationVersion.create({ data: { applicationId: appId, version, data, createdById: member.personId, createdAt: now } });
    const resubmitted = existing?.status === "returned";
    await writeAudit(tx, {
      applicationId: appId,
      member,
      action: resubmitted ? "resubmitted" : "submitted",
      summary: `${resubmitted ? "Resubmitted" : "Submitted"} version ${version}: ${cityTitle(data, { plain: true })}`,
      ...(existing ? { before: { status: existing.status } } : {}),
      after: { status: "submitted", version },
      at: now,
    });

    // No message to the applicant here: the form they submitted shows the one confirmation (replies.submitted).
    await queueReminder(tx, appId, { type: "reminder", topic: "intake", count: 1 }, new Date(now.getTime() + ctx.policy.reminders.intakeAfterDays * 86_400_000));
    for (const d of directors) await queueIntakeNotice(tx, ctx, appId, d.id, now);
    return { appId, resubmitted };
  });

  if (warnings.length > 0) ctx.logger.warn({ applicationId: id }, warnings[0]!);
  ctx.after.kickDeliveries();
  ctx.after.refreshCards(id);
  return { id, number: applicationNumber(id), warnings, resubmitted };
}
