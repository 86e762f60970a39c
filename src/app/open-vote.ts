import type { Actor } from "../domain/actors.js";
import { DomainError } from "../domain/errors.js";
import { applicationNumber, assertAllowed, type Status } from "../domain/status.js";
import type { AppContext } from "./context.js";
import { latestRound, loadApplication } from "./read-model.js";
import { openRound } from "./rounds.js";

/** Opens a new commission vote (after a vote without quorum, or when the policy opens votes at a meeting). */
export async function openVote(ctx: AppContext, input: { actor: Actor; applicationId: number }): Promise<{ round: number }> {
  const member = ctx.directory.resolve(input.actor);
  const now = ctx.clock();
  const round = await ctx.store.transaction(async (tx) => {
    const app = await loadApplication(tx, input.applicationId);
    assertAllowed("open_vote", { status: app.status as Status, applicantId: app.applicantId }, member);
    const last = await latestRound(tx, app.id);
    if (last && !last.closedAt) throw new DomainError("invalid_transition", `A vote on ${applicationNumber(app.id)} is already open.`);
    return (await openRound(tx, ctx, app.id, member, now)).number;
  });
  ctx.after.refreshCards(input.applicationId);
  return { round };
}
