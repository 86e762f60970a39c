// Reactions on the commission card count as votes (policy.commission.reactions.teams; by default 👍 "like" approves).
import type { IMessageReactionActivity } from "@microsoft/teams.api";
import { castVote } from "../../src/app/cast-vote.js";
import { isDomainError } from "../../src/domain/errors.js";
import { DEFAULT_REACTIONS } from "../../src/domain/policy.js";
import type { Choice } from "../../src/domain/votes.js";
import { textCard } from "../../src/views/model.js";
import { actorOf, readInbound } from "./activity.js";
import type { TeamsDeps } from "./replies.js";

function choiceFor(deps: TeamsDeps, reaction: string | undefined): Choice | null {
  const map: { approve: readonly string[]; deny: readonly string[] } = deps.ctx.policy.commission.reactions.teams ?? DEFAULT_REACTIONS.teams;
  if (!reaction) return null;
  if (map.approve.includes(reaction)) return "approve";
  if (map.deny.includes(reaction)) return "deny";
  return null;
}

/**
 * A reaction was added to or removed from one of the bot's messages. Only the commission card counts. Adding casts
 * (or changes) the member's vote; removing withdraws it only if it is still that choice. Someone who may not vote
 * is told privately, and nothing changes.
 */
export async function handleReaction(deps: TeamsDeps, activity: IMessageReactionActivity): Promise<void> {
  const { ctx, logger } = deps;
  const inbound = readInbound(activity);
  if (!inbound.replyToId || inbound.from.isBot) return;
  const card = await ctx.store.db.messageRef.findFirst({ where: { platform: "teams", kind: "commission", messageId: inbound.replyToId } });
  if (!card) return;
  if (inbound.id && !(await ctx.store.firstTime(`teams:${inbound.id}`))) return;
  const actor = actorOf(inbound, ctx.directory);
  // Removals first: switching from one reaction to another arrives as one activity.
  const changes = [
    ...(activity.reactionsRemoved ?? []).map((r) => ({ added: false, choice: choiceFor(deps, r.type) })),
    ...(activity.reactionsAdded ?? []).map((r) => ({ added: true, choice: choiceFor(deps, r.type) })),
  ];
  for (const c of changes) {
    if (!c.choice) continue;
    try {
      if (c.added) await castVote(ctx, { actor, applicationId: card.applicationId, choice: c.choice, source: "reaction" });
      else await castVote(ctx, { actor, applicationId: card.applicationId, choice: null, onlyIf: c.choice, source: "reaction" });
    } catch (e) {
      if (!isDomainError(e)) throw e;
      // Removing a reaction that never counted (e.g. after the vote closed) needs no answer.
      if (!c.added) continue;
      try {
        await deps.platform.send({ platform: "teams", kind: "user", id: actor.userId }, textCard("Your reaction was not counted as a vote", `Your reaction was not counted as a vote: ${e.userMessage}`, "attention"));
      } catch (sendError) {
        logger.warn({ err: sendError instanceof Error ? sendError.message : String(sendError) }, "teams: could not tell someone their reaction did not count");
      }
    }
  }
}
