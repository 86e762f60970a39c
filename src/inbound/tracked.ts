// "Which tracked card is this?": the core's own lookup of the cards it posted, so adapters never query the store.
import type { Actor } from "../domain/actors.js";
import { isDomainError } from "../domain/errors.js";
import { renderTrackedCard } from "../app/cards.js";
import type { AppContext } from "../app/context.js";
import { getStatus } from "../app/get-status.js";
import type { TrackedCard } from "../app/outbox.js";
import type { CardView } from "../views/model.js";
import type { CardRef } from "./events.js";

/** The tracked card (intake or commission) a platform message is, if it is one. */
export async function findTrackedCard(ctx: AppContext, platform: string, ref: CardRef, kind?: TrackedCard): Promise<{ applicationId: number; kind: TrackedCard } | null> {
  // A posted message stays the same card of the same application, so a hit is remembered (clicks on one card come
  // in bursts); a miss is not, as the card may be recorded a moment later.
  let known = seen.get(ctx);
  if (!known) seen.set(ctx, (known = new Map()));
  const cacheKey = `${platform}\u0000${ref.conversationId ?? ""}\u0000${ref.messageId}`;
  let hit = known.get(cacheKey);
  if (!hit) {
    const row = await ctx.store.db.messageRef.findFirst({
      where: { platform, messageId: ref.messageId, ...(ref.conversationId ? { conversationId: ref.conversationId } : {}) },
      select: { applicationId: true, kind: true },
    });
    if (!row) return null;
    hit = { applicationId: row.applicationId, kind: row.kind as TrackedCard };
    if (known.size >= 1_000) known.clear();
    known.set(cacheKey, hit);
  }
  return !kind || hit.kind === kind ? hit : null;
}

const seen = new WeakMap<AppContext, Map<string, { applicationId: number; kind: TrackedCard }>>();

/** The tracked card, re-rendered from current state; null when the message is not a tracked card. */
export async function trackedView(ctx: AppContext, platform: string, ref: CardRef | undefined): Promise<CardView | null> {
  if (!ref) return null;
  const card = await findTrackedCard(ctx, platform, ref);
  return card ? renderTrackedCard(ctx, ctx.store.db, card.kind, card.applicationId) : null;
}

/** The card a button was on as it is now: the tracked card, else the person's status card of the application. */
export async function currentView(ctx: AppContext, actor: Actor, ref: CardRef | undefined, applicationId: number | undefined): Promise<CardView | null> {
  const tracked = await trackedView(ctx, actor.platform, ref);
  if (tracked || !applicationId) return tracked;
  try {
    return await getStatus(ctx, { actor, applicationId });
  } catch (e) {
    if (isDomainError(e)) return null;
    throw e;
  }
}
