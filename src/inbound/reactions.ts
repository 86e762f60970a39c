// Reactions on the commission card count as votes, once for every platform: the policy's reaction map for the
// platform (else the platform's defaults) says which reaction means what.
import type { AppContext } from "../app/context.js";
import { castVote } from "../app/cast-vote.js";
import { isDomainError } from "../domain/errors.js";
import type { Choice } from "../domain/votes.js";
import { reactionMapFor } from "../platforms/registry.js";
import { reactionNotCounted } from "../views/replies.js";
import type { ReactionEvent } from "./events.js";
import type { ReactionOutcome } from "./outcome.js";
import { findTrackedCard } from "./tracked.js";

/** The vote a reaction stands for on `platform`, if any. */
export function choiceForReaction(ctx: Pick<AppContext, "registry" | "policy">, platform: string, reaction: string): Choice | undefined {
  const map = reactionMapFor(ctx.registry, ctx.policy.commission.reactions, platform);
  if (map.approve.includes(reaction)) return "approve";
  if (map.deny.includes(reaction)) return "deny";
  return undefined;
}

/**
 * Adding a vote reaction casts (or changes) the member's vote; removing one withdraws it only if it is still that
 * choice. Removals go first: switching reactions may arrive as one delivery. Someone who may not vote is told
 * privately, and nothing changes; `firstTime` makes a redelivery a no-op.
 */
export async function applyReactions(ctx: AppContext, ev: ReactionEvent, firstTime: () => Promise<boolean>): Promise<ReactionOutcome> {
  const platform = ev.actor.platform;
  const votes = [...ev.changes.filter((c) => !c.added), ...ev.changes.filter((c) => c.added)].flatMap((c) => {
    const choice = choiceForReaction(ctx, platform, c.reaction);
    return choice ? [{ added: c.added, choice }] : [];
  });
  if (votes.length === 0) return {}; // any other emoji is just an emoji
  const card = await findTrackedCard(ctx, platform, ev.card, "commission");
  if (!card || !(await firstTime())) return {};
  for (const v of votes) {
    try {
      if (v.added) await castVote(ctx, { actor: ev.actor, applicationId: card.applicationId, choice: v.choice, source: "reaction" });
      else await castVote(ctx, { actor: ev.actor, applicationId: card.applicationId, choice: null, onlyIf: v.choice, source: "reaction" });
    } catch (e) {
      if (!isDomainError(e)) throw e;
      // Removing a reaction that never counted (e.g. after the vote closed) needs no answer.
      if (v.added) return { tell: reactionNotCounted(e.userMessage) };
    }
  }
  return {};
}
