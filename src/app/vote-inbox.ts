// The durable vote inbox: a vote (button or reaction) is stored by one INSERT before the platform is acknowledged,
// keyed by the platform's event id, and applied right after by one applier per process, in arrival order, in
// batches that share a transaction. Several replicas claim rows with a lease; whatever a crash left is applied at
// start and by the sweep.
import type { Actor } from "../domain/actors.js";
import { isDomainError } from "../domain/errors.js";
import type { Choice } from "../domain/votes.js";
import type { AppContext } from "./context.js";
import { castVoteIn, type CastVoteInput } from "./cast-vote.js";

/** One vote change as the inbox stores it. Buttons carry the application; reactions name the card they were on. */
export interface InboxVote {
  actor: Actor;
  source: "button" | "reaction";
  applicationId?: number;
  card?: { conversationId?: string; messageId: string };
  choice: Choice | null;
  /** A removed reaction withdraws the vote only while it is still this choice. */
  onlyIf?: Choice;
  /** When it arrived (ISO): a vote stored before the deadline counts even if applied after a restart. */
  at: string;
}

/** What applying one inbox row did, for telling the voter privately. */
export type Applied =
  | { kind: "recorded"; applicationId: number; choice: Choice | null; changed: boolean }
  | { kind: "refused"; message: string }
  /** A reaction on a message that is not an open commission card, or a withdrawal with nothing to withdraw. */
  | { kind: "ignored" }
  /** Applied by another replica (or left to the sweep): nothing to tell from here. */
  | { kind: "elsewhere" };

// Long enough for a batch (well under a second); short, because rows a crashed process held wait this long.
const LEASE_MS = 15_000;
const BATCH = 25;

/** The rows' keys for one delivery: the platform's id, then `#2`, `#3` for further changes in the same delivery. */
export const inboxKeys = (key: string, n: number) => Array.from({ length: n }, (_, i) => (i === 0 ? key : `${key}#${i + 1}`));

/** Stores the votes of one delivery with one statement; false when it was stored before (a retry, a double click). */
export async function recordVotes(ctx: AppContext, key: string, votes: InboxVote[]): Promise<boolean> {
  const keys = inboxKeys(key, votes.length);
  return ctx.store.inbox.append(votes.map((v, i) => ({ key: keys[i]!, payload: JSON.stringify(v) })));
}

interface Row {
  id: number;
  key: string;
  payload: string;
}

class PartlyTaken extends Error {}

/** The tracked card of this kind a platform message is, if it is one. */
async function findCardRef(ctx: AppContext, platform: string, ref: { conversationId?: string; messageId: string }): Promise<{ applicationId: number } | null> {
  return ctx.store.db.messageRef.findFirst({
    where: { platform, messageId: ref.messageId, kind: "commission", ...(ref.conversationId ? { conversationId: ref.conversationId } : {}) },
    select: { applicationId: true },
  });
}

async function inputOf(ctx: AppContext, v: InboxVote): Promise<CastVoteInput | null> {
  let applicationId = v.applicationId;
  if (applicationId === undefined) {
    if (!v.card) return null;
    const card = await findCardRef(ctx, v.actor.platform, v.card);
    if (!card) return null;
    applicationId = card.applicationId;
  }
  return v.choice === null
    ? { actor: v.actor, applicationId, source: v.source, choice: null, ...(v.onlyIf ? { onlyIf: v.onlyIf } : {}) }
    : { actor: v.actor, applicationId, source: v.source, choice: v.choice };
}

/** Applies rows (already leased by us) in one transaction; a refusal anywhere sends the caller to one-by-one. */
async function applyBatch(ctx: AppContext, rows: Row[]): Promise<Map<string, Applied>> {
  const votes = rows.map((r) => JSON.parse(r.payload) as InboxVote);
  const inputs = await Promise.all(votes.map((v) => inputOf(ctx, v)));
  const now = ctx.clock();
  return ctx.store.transaction(async (tx) => {
    // Marking first takes the write lock first (SQLite), and makes a second applier's attempt a no-op.
    const marked = await tx.inboxEvent.updateMany({ where: { id: { in: rows.map((r) => r.id) }, appliedAt: null }, data: { appliedAt: now, leaseUntil: null } });
    if (marked.count !== rows.length) throw new PartlyTaken();
    const out = new Map<string, Applied>();
    for (const [i, row] of rows.entries()) {
      const input = inputs[i];
      if (!input) {
        out.set(row.key, { kind: "ignored" });
        continue;
      }
      const w = await castVoteIn(tx, ctx, input, new Date(votes[i]!.at));
      out.set(row.key, input.choice === null && !w.changed ? { kind: "ignored" } : { kind: "recorded", applicationId: input.applicationId, choice: w.choice, changed: w.changed });
    }
    return out;
  });
}

/** Applies one row in its own transaction; a refusal is stored as the row's outcome and the row marked applied. */
async function applyOne(ctx: AppContext, row: Row): Promise<Applied> {
  try {
    const r = await applyBatch(ctx, [row]);
    return r.get(row.key) ?? { kind: "ignored" };
  } catch (e) {
    if (e instanceof PartlyTaken) return { kind: "elsewhere" };
    if (!isDomainError(e)) throw e;
    await ctx.store.db.inboxEvent.updateMany({ where: { id: row.id, appliedAt: null }, data: { appliedAt: ctx.clock(), leaseUntil: null, outcome: e.userMessage } });
    const vote = JSON.parse(row.payload) as InboxVote;
    // Removing a reaction that never counted (e.g. after the vote closed) needs no answer.
    return vote.source === "reaction" && vote.choice === null ? { kind: "ignored" } : { kind: "refused", message: e.userMessage };
  }
}

/** Claims up to BATCH unapplied rows whose lease is free, oldest first; returns those this process now holds. */
async function claim(ctx: AppContext): Promise<Row[]> {
  const db = ctx.store.db;
  const now = ctx.clock();
  const free = { appliedAt: null, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] };
  const due = await db.inboxEvent.findMany({ where: free, orderBy: { id: "asc" }, take: BATCH, select: { id: true } });
  if (due.length === 0) return [];
  const rows = await db.inboxEvent.updateManyAndReturn({ where: { id: { in: due.map((d) => d.id) }, ...free }, data: { leaseUntil: new Date(now.getTime() + LEASE_MS) }, select: { id: true, key: true, payload: true } });
  return rows.sort((a, b) => a.id - b.id);
}

/**
 * Applies every unapplied row this process can claim, in order, and reports each row's result to `done`. Returns
 * the applications whose votes changed (their cards need refreshing).
 */
export async function applyPendingVotes(ctx: AppContext, done: (key: string, r: Applied) => void = () => undefined): Promise<Set<number>> {
  const changed = new Set<number>();
  for (;;) {
    const rows = await claim(ctx);
    if (rows.length === 0) return changed;
    let results: Map<string, Applied>;
    try {
      results = await applyBatch(ctx, rows);
    } catch (e) {
      if (!(e instanceof PartlyTaken) && !isDomainError(e)) throw e;
      results = new Map();
      for (const row of rows) results.set(row.key, await applyOne(ctx, row));
    }
    for (const [key, r] of results) {
      if (r.kind === "recorded" && r.changed) changed.add(r.applicationId);
      done(key, r);
    }
    for (const id of changed) ctx.after.refreshCards(id);
  }
}
