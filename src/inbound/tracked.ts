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
  const row = await ctx.store.db.messageRef.findFirst({
    where: { platform, messageId: ref.messageId, ...(ref.conversationId ? { conversationId: ref.conversationId } : {}), ...(kind ? { kind } : {}) },
    select: { applicationId: true, kind: true },
  });
  return row ? { applicationId: row.applicationId, kind: row.kind as TrackedCard } : null;
}

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
