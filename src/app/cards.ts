import type { Tx } from "../store/store.js";
import { commissionCard } from "../views/commission-card.js";
import { intakeCard } from "../views/intake-card.js";
import type { CardView } from "../views/model.js";
import { applicationNumber } from "../domain/status.js";
import type { AppContext } from "./context.js";
import type { TrackedCard } from "./outbox.js";
import { criteriaOf, infoOf, latestRound, loadApplication, roundInfo } from "./read-model.js";

/** Renders a tracked card from the application's current state, so a late send or an update is never stale. */
export async function renderTrackedCard(ctx: AppContext, tx: Tx, card: TrackedCard, applicationId: number): Promise<CardView> {
  const row = await loadApplication(tx, applicationId);
  const app = infoOf(row);
  const criteria = criteriaOf(row, ctx.policy);
  if (card === "intake") return intakeCard({ app, criteria });
  const round = await latestRound(tx, applicationId);
  const info = round ? roundInfo(round, ctx.policy, ctx.directory) : null;
  const votingNote =
    row.status !== "commission_review"
      ? undefined
      : ctx.policy.commission.votingMode === "meeting" && (!round || round.closedAt)
        ? `Voting on ${applicationNumber(applicationId)} opens at the commission meeting.`
        : "Vote with the buttons, or react to this message (✅ / 👍 approve, ❌ / 👎 deny); removing your reaction withdraws that vote.";
  return commissionCard({ app, criteria, round: info, timeZone: ctx.policy.city.timeZone, ...(votingNote ? { votingNote } : {}) });
}
