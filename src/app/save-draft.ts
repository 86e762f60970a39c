import type { FieldName } from "../domain/application.js";
import type { Actor } from "../domain/actors.js";
import { assertAllowed, applicationNumber, type Status } from "../domain/status.js";
import { StaleRead } from "../store/store.js";
import { mergeAnswers } from "./answers.js";
import { writeAudit } from "./audit.js";
import { assertMayStartDraft } from "./limits.js";
import type { AppContext } from "./context.js";
import { answersOf, loadApplication } from "./read-model.js";

/** Saves what the applicant has typed so far, creating the draft on first save. Nothing is stored if any answer is invalid. */
export async function saveDraft(
  ctx: AppContext,
  input: { actor: Actor; applicationId?: number; answers: Record<string, unknown>; shownFields?: readonly FieldName[] },
): Promise<{ id: number; number: string }> {
  const member = ctx.directory.resolve(input.actor);
  const now = ctx.clock();
  const id = await ctx.store.transaction(async (tx) => {
    if (input.applicationId === undefined) {
      const data = mergeAnswers({}, input.answers, input.shownFields);
      await assertMayStartDraft(tx, ctx, member, now);
      const app = await tx.application.create({
        data: {
          applicantId: member.personId,
          applicantName: member.name,
          data,
          proposedCity: data.proposedCity ?? "",
          country: data.country ?? "",
          createdAt: now,
          statusChangedAt: now,
        },
      });
      await writeAudit(tx, { applicationId: app.id, member, action: "draft_created", summary: "Draft started", after: data, at: now });
      return app.id;
    }
    const app = await loadApplication(tx, input.applicationId);
    assertAllowed("edit", { status: app.status as Status, applicantId: app.applicantId }, member);
    const before = answersOf(app);
    const data = mergeAnswers(before, input.answers, input.shownFields);
    const { count } = await tx.application.updateMany({
      where: { id: app.id, revision: app.revision },
      data: { data, proposedCity: data.proposedCity ?? "", country: data.country ?? "", revision: { increment: 1 } },
    });
    if (count !== 1) throw new StaleRead();
    await writeAudit(tx, { applicationId: app.id, member, action: "draft_saved", summary: "Draft saved", before, after: data, at: now });
    return app.id;
  });
  return { id, number: applicationNumber(id) };
}
