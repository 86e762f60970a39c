import { createHash, randomUUID } from "node:crypto";
import { renderTrackedCard } from "./cards.js";
import type { AppContext } from "./context.js";
import type { TrackedCard } from "./outbox.js";
import { PlatformError } from "./ports.js";
import type { CardView } from "../views/model.js";

/** When a failed update is tried again if the platform did not say (a 429 says, with Retry-After). */
export const REFRESH_RETRY_MS = 30_000;

/** The hash stored with each card copy: an update whose content hashes the same is not sent again. */
export function contentHash(view: CardView): string {
  return createHash("sha256").update(JSON.stringify(view)).digest("hex");
}

/**
 * Re-renders every posted card of an application from current state and updates each copy in place, skipping a
 * copy whose content did not change (the director's intake message while votes come in). One failing copy does not
 * hold back the others; for the failed ones a durable "refresh" delivery is queued, due when the platform's
 * Retry-After says (else REFRESH_RETRY_MS), and the sweep is woken then. With `throwOnError` (the sweep itself)
 * the first failure is thrown after every copy was tried, carrying the longest Retry-After.
 */
export async function refreshCardsNow(ctx: AppContext, applicationId: number, opts: { throwOnError?: boolean } = {}): Promise<void> {
  const db = ctx.store.db;
  const refs = await db.messageRef.findMany({ where: { applicationId } });
  const views = new Map<string, { view: CardView; hash: string }>();
  const failures: unknown[] = [];
  for (const ref of refs) {
    const platform = ctx.platforms.get(ref.platform);
    if (!platform) continue;
    let rendered = views.get(ref.kind);
    if (!rendered) {
      const view = await renderTrackedCard(ctx, db, ref.kind as TrackedCard, applicationId);
      views.set(ref.kind, (rendered = { view, hash: contentHash(view) }));
    }
    if (ref.contentHash === rendered.hash) continue;
    try {
      await platform.update({ platform: platform.platform, conversationId: ref.conversationId, messageId: ref.messageId }, rendered.view);
      await db.messageRef.updateMany({ where: { id: ref.id }, data: { contentHash: rendered.hash } });
    } catch (e) {
      failures.push(e);
      ctx.logger.warn({ applicationId, ref: ref.id, err: e instanceof Error ? e.message : String(e) }, "card update failed");
    }
  }
  if (failures.length === 0) return;
  const retryable = failures.filter((e) => !(e instanceof PlatformError) || e.retryable);
  const hints = failures.flatMap((e) => (e instanceof PlatformError && e.retryAfterMs !== undefined ? [e.retryAfterMs] : []));
  const waitMs = hints.length > 0 ? Math.max(...hints) : REFRESH_RETRY_MS;
  if (opts.throwOnError) {
    const first = retryable[0] ?? failures[0];
    const message = first instanceof Error ? first.message : String(first);
    throw new PlatformError(message, retryable.length > 0, hints.length > 0 ? waitMs : undefined);
  }
  if (retryable.length === 0) return; // a copy that can never be updated (message deleted): nothing to retry
  await db.delivery.create({
    data: { key: `refresh:${applicationId}:${randomUUID()}`, applicationId, kind: "refresh", payload: { type: "refresh" }, dueAt: new Date(ctx.clock().getTime() + waitMs) },
  });
  ctx.after.kickDeliveries(waitMs);
}
