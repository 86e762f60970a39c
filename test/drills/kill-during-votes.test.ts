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
import { interactionBody, post, SIGNING_SECRET } from "../slack/signed.js";

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

  it("every acknowledged vote is in the database, none twice, and the rest go through after the restart", async () => {
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
    const click = (user: string) =>
      post(url, interactionBody({ type: "block_actions", user: { id: user, name: user }, api_app_id: "A0SISTER", token: "x", trigger_id: "t", container: { type: "message", channel_id: "CCOMMISSION", message_ts: "1.0" }, channel: { id: "CCOMMISSION" }, actions: [{ action_id: "vote.approve", block_id: "b", value: String(id), type: "button", action_ts: "1" }] }), "application/x-www-form-urlencoded");

    child = await startProcess(env, port);
    const acknowledged = new Set<string>();
    let answered = 0;
    const burst = members.map((m) =>
      click(m.slack).then(
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

    const voted = async () => new Set((await db.store.db.vote.findMany({ select: { personId: true } })).map((v) => policy.people.find((p) => p.id === v.personId)?.ids.slack));
    const afterCrash = await voted();
    for (const user of acknowledged) expect(afterCrash.has(user), `${user} was acknowledged but its vote is missing`).toBe(true);

    child = await startProcess(env, port);
    const rest = members.filter((m) => !acknowledged.has(m.slack));
    const retries = await Promise.all(rest.map((m) => click(m.slack)));
    expect(retries.every((r) => r.status === 200)).toBe(true);
    // Votes commit before Slack is answered, so every 200 above is already in the database.
    child.kill("SIGTERM");

    expect(await db.store.db.vote.count()).toBe(members.length);
    expect(await db.store.db.auditEntry.count({ where: { action: "vote_cast" } })).toBe(members.length);
  }, 60_000);
});
