import type { Actor } from "../domain/actors.js";
import { hasRole } from "../domain/actors.js";
import { DomainError } from "../domain/errors.js";
import { applicationNumber } from "../domain/status.js";
import { fullApplicationView } from "../views/full-application.js";
import type { CardView } from "../views/model.js";
import type { AppContext } from "./context.js";
import { infoOf, loadApplication } from "./read-model.js";

/**
 * Every answer of one application in full, for a commissioner to read before voting. The same people may read it as
 * may see its status: the applicant, and anyone with a role in the program once it is submitted.
 */
export async function readApplication(ctx: AppContext, input: { actor: Actor; applicationId: number }): Promise<CardView> {
  const member = ctx.directory.resolve(input.actor);
  const row = await loadApplication(ctx.store.db, input.applicationId);
  const isOwner = row.applicantId === member.personId;
  const isStaff = hasRole(member, "director", "chair", "commissioner", "clerk", "escalation");
  if (!isOwner && (!isStaff || row.status === "draft"))
    throw new DomainError("forbidden", `You can read ${applicationNumber(row.id)} only if you applied for it or hold a role in the Sister City program.`);
  return fullApplicationView(infoOf(row));
}
