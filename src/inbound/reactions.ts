// Reactions on the commission card count as votes, once for every platform: the policy's reaction map for the
// platform (else the platform's defaults) says which reaction means what.
import type { AppContext } from "../app/context.js";
import type { Choice } from "../domain/votes.js";
import { reactionMapFor } from "../platforms/registry.js";
import type { ReactionEvent } from "./events.js";
import type { ReactionOutcome } from "./outcome.js";
import type { DispatchHooks } from "./dispatcher.js";
import { reactionVotes } from "./votes.js";

/** The vote a reaction stands for on `platform`, if any. */
export function choiceForReaction(ctx: Pick<AppContext, "registry" | "policy">, platform: string, reaction: string): Choice | undefined {
  const map = reactionMapFor(ctx.registry, ctx.policy.commission.reactions, platform);
  if (map.approve.includes(reaction)) return "approve";
  if (map.deny.includes(reaction)) return "deny";
  return undefined;
}

/** Counts the reactions of one delivery as votes, through the durable inbox (see votes.ts). */
export function applyReactions(ctx: AppContext, ev: ReactionEvent, hooks: DispatchHooks): Promise<ReactionOutcome> {
  return reactionVotes(ctx, ev, (r) => choiceForReaction(ctx, ev.actor.platform, r), hooks);
}
