import type { Actor } from "../domain/actors.js";
import { assertAllowed, type Status } from "../domain/status.js";
import { applicationForm } from "../views/application-form.js";
import type { FormView } from "../views/model.js";
import type { AppContext } from "./context.js";
import { answersOf, loadApplication } from "./read-model.js";

/**
 * The form to fill in: blank for a new application, or prefilled when the applicant reopens a draft or a returned
 * application (the director's reason is shown at the top).
 */
export async function startApplication(ctx: AppContext, input: { actor: Actor; applicationId?: number; step?: number }): Promise<FormView> {
  const cityName = ctx.policy.city.name;
  const step = input.step;
  if (input.applicationId === undefined) return applicationForm({ draft: {}, cityName, ...(step !== undefined ? { step } : {}) });
  const member = ctx.directory.resolve(input.actor);
  const app = await loadApplication(ctx.store.db, input.applicationId);
  assertAllowed("edit", { status: app.status as Status, applicantId: app.applicantId }, member);
  const errors: Record<string, string> = app.status === "returned" && app.statusReason ? { _form: `Returned by the director: ${app.statusReason}` } : {};
  return applicationForm({ draft: answersOf(app), errors, applicationId: app.id, cityName, ...(step !== undefined ? { step } : {}) });
}
