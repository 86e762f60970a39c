// Vote acknowledgement latency over HTTP: signed Slack block_actions into the running bot (real Bolt receiver,
// real database, fake Slack Web API on loopback), against a bare Bolt app that only acks, in the same run.
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, HTTPReceiver, LogLevel } from "@slack/bolt";
import { slackAdapterFactory } from "../adapters/slack/index.js";
import { reviewIntake } from "../src/app/review-intake.js";
import { submitApplication } from "../src/app/submit-application.js";
import { startBot } from "../src/bot.js";
import { loadConfig } from "../src/config/index.js";
import { createSilentLogger } from "../src/logger.js";
import { answersFromForm } from "../src/views/application-form.js";
import { applicant, director, sopot, testPolicy } from "../test/support/fixtures.js";
import { FakeSlack } from "../test/slack/fake-slack.js";
import { interactionBody, post, SIGNING_SECRET } from "../test/slack/signed.js";
import { measureAck, type AckResult, type BenchDb } from "./lib.js";

const MEMBERS = Array.from({ length: 50 }, (_, i) => ({ id: `m${i}`, name: `Member ${i}`, roles: ["commissioner" as const], slack: `UM${String(i).padStart(3, "0")}` }));

export type { AckResult } from "./lib.js";

function click(url: string, user: string, action: string, applicationId: number) {
  const body = interactionBody({
    type: "block_actions",
    user: { id: user, name: user },
    api_app_id: "A0SISTER",
    token: "x",
    trigger_id: "t",
    container: { type: "message", channel_id: "CCOMMISSION", message_ts: "1.0" },
    channel: { id: "CCOMMISSION" },
    actions: [{ action_id: action, block_id: "b", value: String(applicationId), type: "button", action_ts: "1" }],
  });
  return post(url, body, "application/x-www-form-urlencoded");
}

async function timed(f: () => Promise<{ status: number }>): Promise<number> {
  const t0 = performance.now();
  const r = await f();
  if (r.status !== 200) throw new Error(`HTTP ${r.status}`);
  return performance.now() - t0;
}

async function bareBolt(fakeUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  const receiver = new HTTPReceiver({ signingSecret: SIGNING_SECRET, endpoints: "/slack/events", logLevel: LogLevel.ERROR });
  const app = new App({ token: "xoxb-bare", receiver, clientOptions: { slackApiUrl: fakeUrl }, logLevel: LogLevel.ERROR });
  app.action(/.*/, async ({ ack }) => {
    await ack();
  });
  const server = createServer(receiver.requestListener);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const a = server.address();
  return { url: `http://127.0.0.1:${typeof a === "object" && a ? a.port : 0}/slack/events`, close: () => new Promise((r) => server.close(() => r())) };
}

/** Runs the Slack vote-ack benchmark on one database. */
export async function slackVoteAck(db: BenchDb, levels = [1, 10, 50], rounds = 8): Promise<AckResult[]> {
  const fake = new FakeSlack();
  await fake.start();
  const policy = testPolicy({ people: [{ id: "dana", name: "Dana Director", roles: ["director"], slack: "UDIRECTOR" }, ...MEMBERS] });
  const dir = mkdtempSync(join(tmpdir(), "sc-bench-"));
  writeFileSync(join(dir, "policy.json"), JSON.stringify(policy));
  const config = loadConfig({ DATABASE_URL: db.url, PORT: "0", HOST: "127.0.0.1", POLICY_FILE: join(dir, "policy.json"), SLACK_BOT_TOKEN: "xoxb-bench", SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.url });
  const bot = await startBot(config, [slackAdapterFactory], { logger: createSilentLogger(), scheduler: false });
  const bare = await bareBolt(fake.url);
  const url = `http://127.0.0.1:${bot.port}/slack/events`;
  const out: AckResult[] = [];
  try {
    const { id } = await submitApplication(bot.ctx, { actor: applicant, answers: answersFromForm({ ...sopot }) });
    await reviewIntake(bot.ctx, { actor: director, applicationId: id, decision: "accept" });
    await bot.idle();
    for (let i = 0; i < 20; i++) {
      // Warm-up: JIT, connection pools, Prisma's query plans — on both apps.
      await timed(() => click(url, MEMBERS[0]!.slack, i % 2 ? "vote.approve" : "vote.deny", id));
      await timed(() => click(bare.url, MEMBERS[0]!.slack, "vote.approve", id));
    }
    out.push(
      ...(await measureAck({
        members: MEMBERS,
        levels,
        rounds,
        ours: (m, choice) => timed(() => click(url, m.slack, `vote.${choice}`, id)),
        bare: (m) => timed(() => click(bare.url, m.slack, "vote.approve", id)),
        settle: () => bot.idle(),
        counted: (ids, choice) => bot.ctx.store.db.vote.count({ where: { personId: { in: ids }, choice } }),
      })),
    );
  } finally {
    await bare.close();
    await bot.stop();
    await fake.stop();
  }
  return out;
}
