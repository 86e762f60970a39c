import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createAppContext } from "../../src/app/create-context.js";
import { reviewIntake } from "../../src/app/review-intake.js";
import { submitApplication } from "../../src/app/submit-application.js";
import { createSilentLogger } from "../../src/logger.js";
import { answersFromForm } from "../../src/views/application-form.js";
import { sqliteDatabase, type TestDatabase } from "../support/databases.js";
import { applicant, director, sopot, testPolicy } from "../support/fixtures.js";
import { FakeSlack } from "../slack/fake-slack.js";
import { eventBody, interactionBody, post, SIGNING_SECRET } from "../slack/signed.js";
import { verifyAuditChain } from "../../src/app/verify-audit.js";

const members = Array.from({ length: 50 }, (_, i) => ({ id: `m${i}`, name: `Member ${i}`, roles: ["commissioner" as const], slack: `UM${String(i).padStart(3, "0")}` }));
const policy = testPolicy({ people: [{ id: "dana", name: "Dana Director", roles: ["director"], slack: "UDIRECTOR" }, ...members] });

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const a = s.address();
      s.close(() => resolve(typeof a === "object" && a ? a.port : 0));
    });
  });
}

describe("drill: the bot is killed during a burst of votes and restarted", () => {
  let db: TestDatabase;
  const fake = new FakeSlack();
  let child: ChildProcess | null = null;
  afterAll(async () => {
    child?.kill("SIGKILL");
    await fake.stop();
    await db?.drop();
  });

  async function startProcess(env: Record<string, string>, port: number): Promise<ChildProcess> {
    const p = spawn(process.execPath, ["--import", "tsx", "adapters/main.ts"], { env: { PATH: process.env.PATH ?? "", ...env }, stdio: "ignore" });
    // Readiness: the process answers /healthz (bounded wait, not a fixed sleep).
    for (let i = 0; i < 200; i++) {
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
      if (ok) return p;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error("the bot did not start");
  }

  /** Polls (bounded) until `check` holds: the child process has no idle() to await. */
  async function until(what: string, check: () => Promise<boolean>): Promise<void> {
    for (let i = 0; i < 400; i++) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  it("every acknowledged vote — buttons and reactions — is stored once, and applied once after the restart", async () => {
    db = await sqliteDatabase();
    const ctx = createAppContext({ store: db.store, policy, logger: createSilentLogger() });
    const { id } = await submitApplication(ctx, { actor: applicant, answers: answersFromForm({ ...sopot }) });
    await reviewIntake(ctx, { actor: director, applicationId: id, decision: "accept" });
    await ctx.after.idle();

    await fake.start();
    const dir = mkdtempSync(join(tmpdir(), "sc-drill-"));
    writeFileSync(join(dir, "policy.json"), JSON.stringify(policy));
    const port = await freePort();
    const env = { DATABASE_URL: db.url, PORT: String(port), HOST: "127.0.0.1", POLICY_FILE: join(dir, "policy.json"), SLACK_BOT_TOKEN: "xoxb-drill", SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.url, LOG_LEVEL: "silent" };
    const url = `http://127.0.0.1:${port}/slack/events`;
    const click = (user: string, trigger: string) =>
      post(url, interactionBody({ type: "block_actions", user: { id: user, name: user }, api_app_id: "A0SISTER", token: "x", trigger_id: trigger, container: { type: "message", channel_id: "CCOMMISSION", message_ts: "1.0" }, channel: { id: "CCOMMISSION" }, actions: [{ action_id: "vote.approve", block_id: "b", value: String(id), type: "button", action_ts: "1" }] }), "application/x-www-form-urlencoded");

    child = await startProcess(env, port);
    // The commission card goes out when the bot starts (it was queued before any platform was connected).
    await until("the commission card", async () => (await db.store.db.messageRef.count({ where: { kind: "commission", platform: "slack" } })) === 1);
    const card = await db.store.db.messageRef.findFirstOrThrow({ where: { kind: "commission", platform: "slack" } });
    const react = (user: string, eventId: string) =>
      post(url, eventBody({ type: "reaction_added", user, reaction: "white_check_mark", item: { type: "message", channel: card.conversationId, ts: card.messageId }, event_ts: "1.0" }, eventId), "application/json");
    // Half the commission votes by button, half by reaction; each delivery keeps its id for Slack's retry.
    const send = (m: (typeof members)[number], i: number) => (i % 2 === 0 ? click(m.slack, `trigger-${m.slack}`) : react(m.slack, `EvDrill${m.slack}`));

    const acknowledged = new Set<string>();
    let answered = 0;
    const burst = members.map((m, i) =>
      send(m, i).then(
        (r) => {
          if (r.status === 200) acknowledged.add(m.slack);
          if (++answered === 10) child?.kill("SIGKILL"); // mid-burst, no warning
        },
        () => undefined, // connection dropped by the kill: not acknowledged
      ),
    );
    await Promise.all(burst);
    await new Promise<void>((r) => (child?.exitCode !== null || child?.signalCode ? r() : child?.once("exit", () => r())));
    expect(acknowledged.size).toBeGreaterThanOrEqual(10);

    // Every acknowledged delivery is in the inbox (applied or not yet): that is what the 200 promised.
    const stored = async () => new Set((await db.store.db.inboxEvent.findMany({ select: { payload: true } })).map((r) => (JSON.parse(r.payload) as { actor: { userId: string } }).actor.userId));
    const afterCrash = await stored();
    for (const user of acknowledged) expect(afterCrash.has(user), `${user} was acknowledged but is not stored`).toBe(true);
    expect(acknowledged.size).toBeGreaterThan(0);

    // The restart applies what was stored; Slack retries what it never heard back about (same ids).
    child = await startProcess(env, port);
    const retries = await Promise.all(members.map((m, i) => (acknowledged.has(m.slack) ? null : send(m, i))).filter((p) => p !== null));
    expect(retries.every((r) => r.status === 200)).toBe(true);
    await until("every vote applied", async () => (await db.store.db.inboxEvent.count({ where: { appliedAt: null } })) === 0 && (await db.store.db.vote.count()) === members.length);
    child.kill("SIGTERM");

    expect(await db.store.db.inboxEvent.count()).toBe(members.length);
    expect(await db.store.db.vote.count()).toBe(members.length);
    expect(await db.store.db.vote.count({ where: { source: "reaction" } })).toBe(members.length / 2);
    expect(await db.store.db.auditEntry.count({ where: { action: "vote_cast" } })).toBe(members.length);
    const chain = await verifyAuditChain(db.store.db, id);
    expect(chain.broken).toBeNull();
  }, 90_000);
});
