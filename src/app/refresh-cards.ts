import { randomUUID } from "node:crypto";
import { renderTrackedCard } from "./cards.js";
import type { AppContext } from "./context.js";
import type { TrackedCard } from "./outbox.js";
import type { CardView } from "../views/model.js";

/**
 * Re-renders every posted card of an application from current state and updates each copy in place. When a
 * platform call fails, a durable "refresh" delivery is queued so the sweep fixes the card later.
 */
export async function refreshCardsNow(ctx: AppContext, applicationId: number, opts: { throwOnError?: boolean } = {}): Promise<void> {
  const refs = await ctx.store.db.messageRef.findMany({ where: { applicationId } });
  const views = new Map<string, CardView>();
  for (const ref of refs) {
    const platform = ctx.platforms.get(ref.platform);
    if (!platform) continue;
    let view = views.get(ref.kind);
    if (!view) {
      view = await renderTrackedCard(ctx, ctx.store.db, ref.kind as TrackedCard, applicationId);
      views.set(ref.kind, view);
    }
    try {
      await platform.update({ platform: platform.platform, conversationId: ref.conversationId, messageId: ref.messageId }, view);
    } catch (e) {
      if (opts.throwOnError) throw e;
      ctx.logger.warn({ applicationId, ref: ref.id, err: e instanceof Error ? e.message : String(e) }, "card update failed; queued a retry");
      await ctx.store.db.delivery.create({
        data: { key: `refresh:${applicationId}:${randomUUID()}`, applicationId, kind: "refresh", payload: { type: "refresh" }, dueAt: new Date(ctx.clock().getTime() + 30_000) },
      });
      return;
    }
  }
}
