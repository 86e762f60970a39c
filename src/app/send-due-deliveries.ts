import { SYSTEM } from "../domain/actors.js";
import { isPrismaError, type Tx } from "../store/store.js";
import { writeAudit } from "./audit.js";
import { renderTrackedCard } from "./cards.js";
import type { AppContext } from "./context.js";
import type { DeliveryPayload, Target } from "./outbox.js";
import { planReminder } from "./plan-reminder.js";
import { PlatformError, type MessageHandle } from "./ports.js";
import { sendOrReresolve } from "./resolve-people.js";
import type { ReminderPayload } from "./reminders.js";
import type { CardView } from "../views/model.js";
import { refreshCardsNow } from "./refresh-cards.js";
import { addressesFor, addressKey } from "./targets.js";
import { claimIntakeGroup, markGroup, releaseGroup, sendIntakeGroup, type GroupMember } from "./intake-notices.js";

/** How many times a delivery is tried before it is marked failed (and shown to the director). */
export const MAX_ATTEMPTS = 6;
const LEASE_MS = 60_000;

// The platform's Retry-After wins when it gave one; otherwise 30 s, 1 min, 2 min … capped at an hour.
function backoffMs(attempt: number, hint?: number): number {
  return hint !== undefined ? hint : Math.min(30_000 * 2 ** (attempt - 1), 60 * 60_000);
}

/** Counts from one sweep. */
export interface SweepResult {
  sent: number;
  retried: number;
  failed: number;
}

/**
 * Sends every delivery that is due. Each row is claimed with a compare-and-set and a lease, so several replicas
 * can sweep at once without sending a row twice, and a crash after the claim leads to a retry once the lease ends.
 */
export async function sendDueDeliveries(ctx: AppContext, opts: { limit?: number } = {}): Promise<SweepResult> {
  const out: SweepResult = { sent: 0, retried: 0, failed: 0 };
  if (ctx.platforms.size === 0) return out; // nothing connected: keep everything pending for when a platform is
  const db = ctx.store.db;
  const now = ctx.clock();
  const limit = opts.limit ?? 200;
  // Batches keep memory flat however much fell due; the cap stops a pathological loop, the next sweep goes on.
  for (let batch = 0; batch < 100; batch++) {
    const due = await db.delivery.findMany({
      where: { OR: [{ status: "pending", dueAt: { lte: now } }, { status: "sending", leaseUntil: { lt: now } }] },
      orderBy: { dueAt: "asc" },
      take: limit,
      select: { id: true, status: true, leaseUntil: true },
    });
    await sendBatch(ctx, due, now, out);
    if (due.length < limit) break;
  }
  return out;
}

async function sendBatch(ctx: AppContext, due: { id: number; status: string; leaseUntil: Date | null }[], now: Date, out: SweepResult): Promise<void> {
  const db = ctx.store.db;
  // Rows of a group whose send just failed: left for the next sweep, so a retry goes out as one message again.
  const skip = new Set<number>();
  for (const c of due) {
    if (skip.has(c.id)) continue;
    // Compare-and-set on (status, lease): of several sweepers, exactly one gets the row back.
    const [row] = await db.delivery.updateManyAndReturn({
      where: { id: c.id, status: c.status as "pending" | "sending", leaseUntil: c.leaseUntil },
      data: { status: "sending", leaseUntil: new Date(now.getTime() + LEASE_MS), attempts: { increment: 1 } },
    });
    if (!row) continue; // another sweeper has it
    const done = new Set<string>(row.sentRef ? (JSON.parse(row.sentRef) as string[]) : []);
    // Intake notices that arrived close together go out as one message (see intake-notices.ts).
    const group = await claimIntakeGroup(ctx, row, now);
    try {
      const result = group.length > 0 ? await groupResult(ctx, row, group, done) : await deliver(ctx, row.applicationId, row.payload as unknown as DeliveryPayload | ReminderPayload, done);
      if (result === "obsolete") await db.delivery.update({ where: { id: row.id }, data: { status: "cancelled", leaseUntil: null } });
      else {
        // Marking it sent and queueing the next occurrence commit together: one round of durability, not two.
        await ctx.store.transaction(async (tx) => {
          await tx.delivery.update({ where: { id: row.id }, data: { status: "sent", sentAt: ctx.clock(), leaseUntil: null, sentRef: JSON.stringify([...done]) } });
          await result.afterSent(tx);
        });
        out.sent++;
      }
    } catch (e) {
      await releaseGroup(ctx, group);
      for (const g of group) skip.add(g.id);
      const retryable = !(e instanceof PlatformError) || e.retryable;
      const message = e instanceof Error ? e.message : String(e);
      if (retryable && row.attempts < MAX_ATTEMPTS) {
        const hint = e instanceof PlatformError ? e.retryAfterMs : undefined;
        await db.delivery.update({
          where: { id: row.id },
          data: { status: "pending", leaseUntil: null, dueAt: new Date(ctx.clock().getTime() + backoffMs(row.attempts, hint)), lastError: message, sentRef: JSON.stringify([...done]) },
        });
        ctx.logger.warn({ deliveryId: row.id, attempt: row.attempts, err: message }, "delivery failed; will retry");
        out.retried++;
      } else {
        await ctx.store.transaction(async (tx) => {
          await tx.delivery.update({ where: { id: row.id }, data: { status: "failed", leaseUntil: null, lastError: message, sentRef: JSON.stringify([...done]) } });
          await writeAudit(tx, {
            applicationId: row.applicationId,
            member: SYSTEM,
            action: "delivery_failed",
            summary: `Could not send a ${row.kind} after ${row.attempts} attempt(s): ${message}`,
            at: ctx.clock(),
          });
        });
        ctx.logger.error({ deliveryId: row.id, err: message }, "delivery failed for good");
        out.failed++;
      }
    }
  }
}

type Delivered = "obsolete" | { afterSent(tx: Tx): Promise<void> };
const NOTHING_MORE = { afterSent: async () => undefined };

async function groupResult(ctx: AppContext, row: { applicationId: number | null; payload: unknown }, group: GroupMember[], done: Set<string>): Promise<Delivered> {
  if ((await sendIntakeGroup(ctx, row, group, done)) === "obsolete") {
    // Every application in it was decided or withdrawn meanwhile: nothing to tell.
    await ctx.store.transaction((tx) => markGroup(tx, group, "cancelled", ctx.clock()));
    return "obsolete";
  }
  return { afterSent: (tx) => markGroup(tx, group, "sent", ctx.clock()) };
}

async function deliver(ctx: AppContext, applicationId: number | null, payload: DeliveryPayload | ReminderPayload, done: Set<string>): Promise<Delivered> {
  if (payload.type === "refresh") {
    if (applicationId !== null) await refreshCardsNow(ctx, applicationId, { throwOnError: true });
    return NOTHING_MORE;
  }
  let sends: { to: Target; view: CardView | null }[];
  let afterSent: (tx: Tx) => Promise<void> = NOTHING_MORE.afterSent;
  if (payload.type === "reminder") {
    const plan = applicationId === null ? null : await planReminder(ctx, applicationId, payload);
    if (!plan) return "obsolete";
    sends = plan.sends;
    afterSent = plan.afterSent;
  } else if (payload.type === "message") {
    sends = [{ to: payload.to, view: payload.view }];
  } else {
    sends = [{ to: payload.to, view: applicationId === null ? null : await renderTrackedCard(ctx, ctx.store.db, payload.card, applicationId) }];
  }
  for (const { to, view } of sends) {
    if (!view) continue;
    const addresses = addressesFor(ctx, to);
    if (addresses.length === 0) {
      const who = "channel" in to ? "the commission channel" : to.person;
      // One unreachable person must not hold back a reminder to the others.
      if (sends.length > 1) {
        ctx.logger.warn({ applicationId, who }, "no way to reach this person on the connected platforms");
        continue;
      }
      throw new PlatformError(`no way to reach ${who} on the connected platforms (check people and channels in the policy file)`, false);
    }
    for (const address of addresses) {
      const key = addressKey(address);
      if (done.has(key)) continue; // sent on an earlier attempt: never twice
      const platform = ctx.platforms.get(address.platform)!;
      const { handle, sentTo } = await sendOrReresolve(ctx, platform, address, view, "channel" in to ? null : to.person);
      done.add(key);
      done.add(addressKey(sentTo));
      if (payload.type === "card" && applicationId !== null) await rememberCard(ctx, applicationId, payload.card, handle);
    }
  }
  return { afterSent };
}

async function rememberCard(ctx: AppContext, applicationId: number, card: string, handle: MessageHandle): Promise<void> {
  const ref = { applicationId, kind: card, platform: handle.platform, conversationId: handle.conversationId };
  try {
    await ctx.store.db.messageRef.upsert({
      where: { applicationId_kind_platform_conversationId: ref },
      create: { ...ref, messageId: handle.messageId },
      update: { messageId: handle.messageId },
    });
  } catch (e) {
    if (!isPrismaError(e, "P2002")) throw e;
  }
}
