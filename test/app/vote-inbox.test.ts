// The vote inbox on its own: one row per delivery id, applied once in arrival order, by whichever replica claims
// it, with the audit chain intact; a refusal is stored as the row's outcome and never retried.
import { afterEach, describe, expect, it } from "vitest";
import { createAppContext } from "../../src/app/create-context.js";
import { reviewIntake } from "../../src/app/review-intake.js";
import { submitApplication } from "../../src/app/submit-application.js";
import { verifyAuditChain } from "../../src/app/verify-audit.js";
import { applyPendingVotes, recordVotes, type Applied, type InboxVote } from "../../src/app/vote-inbox.js";
import { createSilentLogger } from "../../src/logger.js";
import { createDb } from "../../src/store/db.js";
import { createStore, type Store } from "../../src/store/store.js";
import { answersFromForm } from "../../src/views/application-form.js";
import { pgSkipNotice, providers, testDatabase, type TestDatabase } from "../support/databases.js";
import { applicant, commissioners, director, slackUser, sopot, testPolicy } from "../support/fixtures.js";

const skip = pgSkipNotice();
const policy = testPolicy();

describe.each(providers())("vote inbox (%s)", (provider) => {
  let db: TestDatabase;
  let second: Store | null = null;
  afterEach(async () => {
    await second?.close();
    second = null;
    await db.drop();
  });
  const ctxOf = (store: Store) => createAppContext({ store, policy, logger: createSilentLogger(), refreshGapMs: 0 });
  const vote = (i: number, choice: "approve" | "deny" | null, applicationId = 1): InboxVote => ({ actor: commissioners[i]!, source: "button", applicationId, choice, at: new Date().toISOString() });

  async function open(): Promise<ReturnType<typeof ctxOf>> {
    db = await testDatabase(provider);
    const ctx = ctxOf(db.store);
    await submitApplication(ctx, { actor: applicant, answers: answersFromForm({ ...sopot }) });
    await reviewIntake(ctx, { actor: director, applicationId: 1, decision: "accept" });
    await ctx.after.idle();
    return ctx;
  }

  it("a key is stored once; rows apply in arrival order; a refusal is kept as the outcome and not retried", async () => {
    const ctx = await open();
    expect(await recordVotes(ctx, "x:1", [vote(0, "approve")])).toBe(true);
    expect(await recordVotes(ctx, "x:1", [vote(0, "deny")])).toBe(false); // a redelivery of the same id
    expect(await recordVotes(ctx, "x:2", [vote(0, "deny")])).toBe(true); // the member changes their mind
    expect(await recordVotes(ctx, "x:3", [{ ...vote(0, "approve"), actor: slackUser("USTRANGER") }])).toBe(true);
    const seen: [string, Applied][] = [];
    await applyPendingVotes(ctx, (k, r) => seen.push([k, r]));
    expect(seen.map(([k, r]) => [k, r.kind])).toEqual([
      ["x:1", "recorded"],
      ["x:2", "recorded"],
      ["x:3", "refused"],
    ]);
    expect(await db.store.db.vote.findMany({ select: { personId: true, choice: true } })).toEqual([{ personId: "cam1", choice: "deny" }]);
    expect((await db.store.db.inboxEvent.findUniqueOrThrow({ where: { key: "x:3" } })).outcome).toContain("Only a commissioner");
    expect(await applyPendingVotes(ctx)).toEqual(new Set());
    expect(await db.store.db.inboxEvent.count({ where: { appliedAt: null } })).toBe(0);
  });

  // Replicas share PostgreSQL (two SQLite clients in one process would only wait on each other's synchronous locks).
  it.skipIf(provider === "sqlite")("two replicas applying the same inbox apply every vote once, and the audit chain verifies", async () => {
    const ctx = await open();
    second = createStore(await createDb(db.url), provider, db.url);
    const other = ctxOf(second);
    for (let round = 0; round < 4; round++) for (let i = 0; i < 6; i++) await recordVotes(ctx, `r${round}:${i}`, [vote(i, round % 2 === 0 ? "approve" : "deny")]);
    const applied: string[] = [];
    await Promise.all([applyPendingVotes(ctx, (k) => applied.push(k)), applyPendingVotes(other, (k) => applied.push(k))]);
    expect(applied.sort()).toEqual(Array.from({ length: 24 }, (_, n) => `r${Math.floor(n / 6)}:${n % 6}`).sort());
    expect(await db.store.db.vote.count({ where: { choice: "deny" } })).toBe(6);
    expect(await db.store.db.auditEntry.count({ where: { action: { in: ["vote_cast", "vote_changed"] } } })).toBe(24);
    expect((await verifyAuditChain(db.store.db, 1)).broken).toBeNull();
    await ctx.after.idle();
    await other.after.idle();
  });
});

if (skip) describe.skip(skip, () => undefined);
