// Votes by button and by reaction go through the durable inbox: stored with one statement, the platform told
// "received" (the adapter's `stored` hook), then applied, and the voter told privately what was recorded.
import { randomUUID } from "node:crypto";
import type { Actor } from "../domain/actors.js";
import type { AppContext } from "../app/context.js";
import { renderCommissionCardWith } from "../app/cards.js";
import { inboxKeys, recordVotes, type Applied, type InboxVote } from "../app/vote-inbox.js";
import type { Choice } from "../domain/votes.js";
import { reactionNotCounted, replies, withYourVote } from "../views/replies.js";
import { textCard, type CardView } from "../views/model.js";
import type { DispatchHooks } from "./dispatcher.js";
import type { ActionEvent, CardRef, ReactionEvent } from "./events.js";
import type { ActionOutcome, ReactionOutcome } from "./outcome.js";
import { currentView, findTrackedCard, trackedView } from "./tracked.js";

/** The inbox key of a delivery: the platform's id for it, or (without one) a fresh id, so it is never merged. */
const keyOf = (actor: Actor, eventId: string | undefined) => `${actor.platform}:${eventId ?? `once:${randomUUID()}`}`;

/** The commission card the click was on, with the click's vote in it; null when it would not count. */
async function cardWithVote(ctx: AppContext, ev: ActionEvent, applicationId: number, choice: Choice, at: Date): Promise<CardView | null> {
  if (!ev.card) return null;
  const tracked = await findTrackedCard(ctx, ev.actor.platform, ev.card, "commission");
  if (!tracked || tracked.applicationId !== applicationId) return null;
  let personId: string;
  try {
    personId = ctx.directory.resolve(ev.actor).personId;
  } catch {
    return null;
  }
  return renderCommissionCardWith(ctx, applicationId, { personId, choice, at });
}

/** A vote button: stored, acknowledged, applied; the answer says what was recorded (or why not). */
export async function voteAction(ctx: AppContext, ev: ActionEvent, choice: Choice, hooks: DispatchHooks): Promise<ActionOutcome> {
  const applicationId = ev.applicationId;
  if (!applicationId || !Number.isSafeInteger(applicationId) || applicationId < 1) return { kind: "refused", message: replies.buttonWithoutApplication(ctx.commandPrefix(ev.actor.platform)) };
  const at = ctx.clock();
  const key = keyOf(ev.actor, ev.eventId);
  const vote: InboxVote = { actor: ev.actor, source: "button", applicationId, choice, at: at.toISOString() };
  const first = await recordVotes(ctx, key, [vote]);
  await hooks.stored?.();
  if (!first) {
    const card = await trackedView(ctx, ev.actor.platform, ev.card);
    return { kind: "duplicate", ...(card ? { card } : {}), message: replies.alreadyReceived };
  }
  const applying = ctx.after.applyVotes(key);
  if (ev.answerWithCard) {
    // The clicker's copy is answered now, from the state plus this vote; applying it goes on meanwhile.
    const card = await cardWithVote(ctx, ev, applicationId, choice, at);
    if (card) return { kind: "done", card: withYourVote(card, applicationId, choice), tell: replies.youVoted(applicationId, choice), cardSaysIt: true };
  }
  const r = await applying;
  if (r?.kind === "refused") return { kind: "refused", message: r.message };
  const card = ev.answerWithCard ? await currentView(ctx, ev.actor, ev.card, applicationId) : null;
  if (r?.kind !== "recorded") return { kind: "done", ...(card ? { card } : {}) };
  return { kind: "done", ...(card ? { card: withYourVote(card, applicationId, r.choice) } : {}), tell: replies.youVoted(applicationId, r.choice), cardSaysIt: true };
}

/** The vote a reaction stands for on `platform`, if any (from the registry, via the caller). */
export type ReactionChoice = (reaction: string) => Choice | undefined;

/**
 * Reactions: a vote reaction added casts (or changes) the member's vote; one removed withdraws it only if it is
 * still that choice. Removals go first (switching may arrive as one delivery). Stored before the ack like buttons;
 * the card is looked up when applied. Other emoji are just emoji and store nothing.
 */
export async function reactionVotes(ctx: AppContext, ev: ReactionEvent, choiceOf: ReactionChoice, hooks: DispatchHooks): Promise<ReactionOutcome> {
  const at = ctx.clock().toISOString();
  const votes: InboxVote[] = [...ev.changes.filter((c) => !c.added), ...ev.changes.filter((c) => c.added)].flatMap((c) => {
    const choice = choiceOf(c.reaction);
    if (!choice) return [];
    return [c.added ? { actor: ev.actor, source: "reaction" as const, card: ev.card, choice, at } : { actor: ev.actor, source: "reaction" as const, card: ev.card, choice: null, onlyIf: choice, at }];
  });
  if (votes.length === 0) return {};
  const key = keyOf(ev.actor, ev.eventId);
  const first = await recordVotes(ctx, key, votes);
  await hooks.stored?.();
  if (!first) return {};
  const results: (Applied | null)[] = await Promise.all(inboxKeys(key, votes.length).map((k) => ctx.after.applyVotes(k)));
  const refused = results.find((r, i) => r?.kind === "refused" && votes[i]!.choice !== null);
  if (refused?.kind === "refused") return { tell: reactionNotCounted(refused.message) };
  const last = [...results].reverse().find((r) => r?.kind === "recorded");
  if (last?.kind !== "recorded" || !last.changed) return {};
  const said = replies.youVoted(last.applicationId, last.choice);
  return { tell: textCard(said, said, "good") };
}
