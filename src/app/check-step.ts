import type { Actor } from "../domain/actors.js";
import { assertAllowed, type Action, type Status } from "../domain/status.js";
import type { AppContext } from "./context.js";
import { loadApplication } from "./read-model.js";

/**
 * Refuses a step the person may not take on the application as it stands now, before a form asks them for a reason
 * or a date: an old Return button on an application already decided is refused at the click, not after typing. The
 * use case checks again when the form comes back, as the application may change while the form is open.
 */
export async function checkStep(ctx: AppContext, input: { actor: Actor; applicationId: number; action: Action }): Promise<void> {
  const member = ctx.directory.resolve(input.actor);
  const app = await loadApplication(ctx.store.db, input.applicationId);
  assertAllowed(input.action, { status: app.status as Status, applicantId: app.applicantId }, member);
}
