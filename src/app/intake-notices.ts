// Intake notices to the director. One application gets the full intake card at once; applications that arrive
// within the policy's grouping window of the previous notice wait (as ordinary queued deliveries, so nothing is
// lost in a crash) and then go out together as one message listing them.
import { randomUUID } from "node:crypto";
import type { Tx } from "../store/store.js";
import { formatDateTime } from "../views/application-summary.js";
import { intakeDigestCard } from "../views/intake-card.js";
import type { AppContext } from "./context.js";
import { enqueue, type DeliveryPayload } from "./outbox.js";
import { infoOf } from "./read-model.js";
import { sendOrReresolve } from "./resolve-people.js";
import { addressesFor, addressKey } from "./targets.js";

const LEASE_MS = 60_000;
const MAX_GROUP = 200;
const prefix = (personId: string) => `intake:${personId}:`;

/** Queues the intake notice of a new submission for one director, held back to be grouped when one went out just now. */
export async function queueIntakeNotice(tx: Tx, ctx: AppContext, applicationId: number, directorId: string, now: Date): Promise<void> {
  const hold = ctx.policy.intakeNotices.groupWithinSeconds * 1000;
  let dueAt = now;
  if (hold > 0) {
    // Every status listed, with the time bound, lets the (status, dueAt) index find the few recent rows.
    const last = await tx.delivery.findFirst({
      where: { status: { in: ["pending", "sending", "sent", "failed", "cancelled"] }, dueAt: { gt: new Date(now.getTime() - hold) }, key: { startsWith: prefix(directorId) } },
      orderBy: { dueAt: "desc" },
      select: { dueAt: true },
    });
    // Join a group still waiting, or start one that goes out a window after the last notice.
    if (last && last.dueAt.getTime() + hold > now.getTime()) dueAt = last.dueAt > now ? last.dueAt : new Date(last.dueAt.getTime() + hold);
  }
  await enqueue(tx, { applicationId, payload: { type: "card", card: "intake", to: { person: directorId } }, dueAt, key: `${prefix(directorId)}${applicationId}:${randomUUID()}` });
}

/** A claimed sibling of a delivery: sent with it, or released if sending fails. */
export interface GroupMember {
  id: number;
  applicationId: number | null;
}

/**
 * When `row` is a held intake notice, claims the other intake notices for the same director that are queued or
 * would go out within the window, so they are sent as one message. Claimed with the same compare-and-set and lease
 * as any delivery, so two sweeping replicas never both take one.
 */
export async function claimIntakeGroup(ctx: AppContext, row: { id: number; key: string; payload: unknown }, now: Date): Promise<GroupMember[]> {
  const hold = ctx.policy.intakeNotices.groupWithinSeconds * 1000;
  const p = row.payload as DeliveryPayload;
  if (hold === 0 || p.type !== "card" || p.card !== "intake" || !("person" in p.to) || !row.key.startsWith(prefix(p.to.person))) return [];
  const db = ctx.store.db;
  const candidates = await db.delivery.findMany({
    where: { key: { startsWith: prefix(p.to.person) }, status: "pending", dueAt: { lte: new Date(now.getTime() + hold) }, id: { not: row.id } },
    orderBy: { id: "asc" },
    take: MAX_GROUP,
    select: { id: true, applicationId: true },
  });
  const claimed: GroupMember[] = [];
  for (const c of candidates) {
    const { count } = await db.delivery.updateMany({
      where: { id: c.id, status: "pending" },
      data: { status: "sending", leaseUntil: new Date(now.getTime() + LEASE_MS), attempts: { increment: 1 } },
    });
    if (count === 1) claimed.push(c);
  }
  return claimed;
}

/** Sends one message listing the applications of `row` and its group that still wait for intake. */
export async function sendIntakeGroup(ctx: AppContext, row: { applicationId: number | null; payload: unknown }, group: GroupMember[], done: Set<string>): Promise<"obsolete" | "sent"> {
  const p = row.payload as DeliveryPayload & { type: "card" };
  const ids = [row.applicationId, ...group.map((g) => g.applicationId)].filter((id): id is number => id !== null);
  const apps = await ctx.store.db.application.findMany({ where: { id: { in: ids }, status: "submitted" }, orderBy: { submittedAt: "asc" } });
  if (apps.length === 0) return "obsolete";
  const tz = ctx.policy.city.timeZone;
  const items = apps.map((a) => ({ app: infoOf(a), submittedAt: a.submittedAt }));
  const addresses = addressesFor(ctx, p.to);
  if (addresses.length === 0) throw new Error(`no way to reach ${"person" in p.to ? p.to.person : "the channel"} on the connected platforms`);
  for (const address of addresses) {
    const key = addressKey(address);
    if (done.has(key)) continue;
    const view = intakeDigestCard({ items, formatTime: (d) => formatDateTime(d, tz), prefix: ctx.commandPrefix(address.platform) });
    const { sentTo } = await sendOrReresolve(ctx, ctx.platforms.get(address.platform)!, address, view, "person" in p.to ? p.to.person : null);
    done.add(key);
    done.add(addressKey(sentTo));
  }
  return "sent";
}

/** Marks a sent group's rows as sent (inside the transaction that marks the main row). */
export async function markGroup(tx: Tx, group: GroupMember[], status: "sent" | "cancelled", at: Date): Promise<void> {
  if (group.length === 0) return;
  await tx.delivery.updateMany({ where: { id: { in: group.map((g) => g.id) } }, data: { status, leaseUntil: null, ...(status === "sent" ? { sentAt: at } : {}) } });
}

/** Puts a group's rows back in the queue after a failed send; each is retried on its own or with the next group. */
export async function releaseGroup(ctx: AppContext, group: GroupMember[]): Promise<void> {
  if (group.length === 0) return;
  await ctx.store.db.delivery.updateMany({ where: { id: { in: group.map((g) => g.id) }, status: "sending" }, data: { status: "pending", leaseUntil: null } });
}
