// Reactions on the bot's messages go to the core, which counts those on the commission card as votes
// (policy.commission.reactions.teams; by default 👍 "like" approves).
import type { IMessageReactionActivity } from "@microsoft/teams.api";
import { actorOf, readInbound } from "./activity.js";
import type { TeamsDeps } from "./replies.js";

/**
 * A reaction was added to or removed from one of the bot's messages. Teams is answered once the vote is stored;
 * applying it and telling the person privately what was recorded (or why it did not count) goes on after.
 */
export async function handleReaction(deps: TeamsDeps, activity: IMessageReactionActivity): Promise<void> {
  const { logger } = deps;
  const inbound = readInbound(activity);
  if (!inbound.replyToId || inbound.from.isBot) return;
  const actor = actorOf(inbound, deps.ctx.directory);
  let stored!: () => void;
  const isStored = new Promise<void>((r) => (stored = r));
  const work = (async () => {
    const outcome = await deps.inbound.dispatch(
      {
        kind: "reaction",
        changes: [...(activity.reactionsRemoved ?? []).map((r) => ({ added: false, reaction: r.type ?? "" })), ...(activity.reactionsAdded ?? []).map((r) => ({ added: true, reaction: r.type ?? "" }))],
        card: { messageId: inbound.replyToId! },
        actor,
        ...(inbound.id ? { eventId: inbound.id } : {}),
      },
      { stored: async () => stored() },
    );
    if (!outcome.tell) return;
    try {
      await deps.platform.send({ platform: actor.platform, kind: "user", id: actor.userId }, outcome.tell);
    } catch (sendError) {
      logger.warn({ err: sendError instanceof Error ? sendError.message : String(sendError) }, "teams: could not tell someone about their reaction");
    }
  })();
  if (!deps.background) return work;
  deps.background(work);
  await Promise.race([isStored, work]);
}
