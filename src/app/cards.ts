import type { Tx } from "../store/store.js";
import { commissionCard } from "../views/commission-card.js";
import { intakeCard } from "../views/intake-card.js";
import type { CardView } from "../views/model.js";
import { applicationNumber } from "../domain/status.js";
import { noticeWarning } from "../domain/meeting.js";
import { reactionMapFor } from "../platforms/registry.js";
import { formatDateTime } from "../views/application-summary.js";
import type { AppContext } from "./context.js";
import type { TrackedCard } from "./outbox.js";
import { criteriaOf, infoOf, latestRound, loadApplication, rosterOf, roundInfo } from "./read-model.js";
import type { Choice } from "../domain/votes.js";

/** ", or react to this message (<platform>: ✅ 👍 approve, ❌ 👎 deny · …)…" from the policy's reaction maps. */
function reactionHelp(ctx: AppContext): string {
  const parts: string[] = [];
  for (const platform of ctx.platforms.keys()) {
    const entry = ctx.registry.get(platform);
    if (!entry) continue;
    const map = reactionMapFor(ctx.registry, ctx.policy.commission.reactions, platform);
    const show = (names: readonly string[]) => names.map((n) => entry.showReaction(n)).join(" ");
    const said = [map.approve.length > 0 ? `${show(map.approve)} approve` : "", map.deny.length > 0 ? `${show(map.deny)} deny` : ""].filter(Boolean).join(", ");
    if (said) parts.push(`${entry.displayName}: ${said}`);
  }
  return parts.length > 0 ? `, or react to this message (${parts.join(" · ")}); removing your reaction withdraws that vote` : "";
}

/** Renders a tracked card from the application's current state, so a late send or an update is never stale. */
export async function renderTrackedCard(ctx: AppContext, tx: Tx, card: TrackedCard, applicationId: number): Promise<CardView> {
  return (await render(ctx, tx, card, applicationId))!;
}

/** A vote stored in the inbox and not applied yet. */
export interface PendingVote {
  personId: string;
  choice: Choice;
  at: Date;
}

/**
 * The commission card as it will be once `vote` is applied; null when it will not count (no open round, not on
 * its roster), so the caller waits for the refusal instead. Lets an answer show the vote before it is applied.
 */
export async function renderCommissionCardWith(ctx: AppContext, applicationId: number, vote: PendingVote): Promise<CardView | null> {
  // Clicks that arrive together share one read of the state (a burst of 50 reads it a few times, not 50).
  let shared = sharedReads.get(ctx);
  if (!shared) sharedReads.set(ctx, (shared = new Map()));
  let read = shared.get(applicationId);
  if (!read) {
    const s = shared;
    read = (async () => ({ row: await loadApplication(ctx.store.db, applicationId), round: await latestRound(ctx.store.db, applicationId) }))().finally(() => s.delete(applicationId));
    shared.set(applicationId, read);
  }
  const { row, round } = await read;
  return render(ctx, ctx.store.db, "commission", applicationId, vote, { row, round: round ? { ...round } : null });
}

type Loaded = { row: Awaited<ReturnType<typeof loadApplication>>; round: Awaited<ReturnType<typeof latestRound>> };
const sharedReads = new WeakMap<AppContext, Map<number, Promise<Loaded>>>();

async function render(ctx: AppContext, tx: Tx, card: TrackedCard, applicationId: number, pending?: PendingVote, loaded?: Loaded): Promise<CardView | null> {
  const row = loaded?.row ?? (await loadApplication(tx, applicationId));
  const app = infoOf(row);
  const criteria = criteriaOf(row, ctx.policy);
  if (card === "intake") return intakeCard({ app, criteria });
  const round = loaded ? loaded.round : await latestRound(tx, applicationId);
  if (pending) {
    const open = round && !round.closedAt && (!round.deadline || round.deadline > pending.at) && row.status === "commission_review" && rosterOf(round).includes(pending.personId);
    if (!open) return null;
    const mine = round.votes.find((v) => v.personId === pending.personId);
    const others = round.votes.filter((v) => v !== mine);
    const at = mine?.castAt ?? pending.at;
    // A copy: the state read may be shared with other clicks.
    round.votes = [...others, { ...(mine ?? { id: 0, roundId: round.id, personId: pending.personId, source: "button" }), choice: pending.choice, reason: null, castAt: at, updatedAt: pending.at }];
  }
  const info = round ? roundInfo(round, ctx.policy, ctx.directory) : null;
  const meeting = ctx.policy.commission.votingMode === "meeting" ? await tx.meetingItem.findUnique({ where: { applicationId } }) : null;
  const tz = ctx.policy.city.timeZone;
  const heard = meeting ? `Heard at the commission meeting on ${formatDateTime(meeting.meetingAt, tz)}, agenda item ${meeting.agendaItem}.` : "";
  const warning = meeting ? noticeWarning(meeting.meetingAt, meeting.agendaPostedAt) : null;
  const votingNote =
    row.status !== "commission_review"
      ? undefined
      : ctx.policy.commission.votingMode === "meeting" && (!round || round.closedAt)
        ? `${heard || `${applicationNumber(applicationId)} is waiting to be put on a commission meeting agenda.`} Voting opens at the meeting.${warning ? ` ⚠ ${warning}` : ""}`
        : `${heard ? `${heard} ` : ""}Vote with the buttons${reactionHelp(ctx)}. Votes are public record.`;
  const presiding = [...ctx.directory.withRole("chair"), ...ctx.directory.withRole("director")].map((p) => ({ personId: p.id, ids: p.ids }));
  return commissionCard({
    app,
    criteria,
    round: info,
    timeZone: ctx.policy.city.timeZone,
    meetingMode: ctx.policy.commission.votingMode === "meeting",
    presiding,
    ...(votingNote ? { votingNote } : {}),
  });
}
