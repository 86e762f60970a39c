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
import { measureAck, type AckResult, type BenchDb, type BurstUpdates } from "./lib.js";

const MEMBERS = Array.from({ length: 50 }, (_, i) => ({ id: `m${i}`, name: `Member ${i}`, roles: ["commissioner" as const], slack: `UM${String(i).padStart(3, "0")}` }));

export type { AckResult } from "./lib.js";

let triggers = 0;
function click(url: string, user: string, action: string, applicationId: number) {
  const body = interactionBody({
    type: "block_actions",
    user: { id: user, name: user },
    api_app_id: "A0SISTER",
    token: "x",
    trigger_id: `trigger-${++triggers}`, // Slack's id of this one interaction
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

/** Runs the Slack vote-ack benchmark on one database; then counts chat.update calls per card copy in a burst of 50. */
export async function slackVoteAck(db: BenchDb, levels = [1, 10, 50], minRequests = 200): Promise<{ ack: AckResult[]; burst: BurstUpdates }> {
  const fake = new FakeSlack();
  await fake.start();
  const policy = testPolicy({ people: [{ id: "dana", name: "Dana Director", roles: ["director"], slack: "UDIRECTOR" }, ...MEMBERS] });
  const dir = mkdtempSync(join(tmpdir(), "sc-bench-"));
  writeFileSync(join(dir, "policy.json"), JSON.stringify(policy));
  const config = loadConfig({ DATABASE_URL: db.url, PORT: "0", HOST: "127.0.0.1", POLICY_FILE: join(dir, "policy.json"), SLACK_BOT_TOKEN: "xoxb-bench", SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.url });
  // Latency: every vote refreshes the card at once (more background work than production's one-a-second, so the
  // acknowledgements are measured under at least the load they meet in use), and each round settles quickly.
  let bot = await startBot(config, [slackAdapterFactory], { logger: createSilentLogger(), scheduler: false, refreshGapMs: 0 });
  const bare = await bareBolt(fake.url);
  const out: AckResult[] = [];
  let burst: BurstUpdates;
  try {
    const { id } = await submitApplication(bot.ctx, { actor: applicant, answers: answersFromForm({ ...sopot }) });
    await reviewIntake(bot.ctx, { actor: director, applicationId: id, decision: "accept" });
    await bot.idle();
    const url = () => `http://127.0.0.1:${bot.port}/slack/events`;
    for (let i = 0; i < 20; i++) {
      // Warm-up: JIT, connection pools, Prisma's query plans — on both apps.
      await timed(() => click(url(), MEMBERS[0]!.slack, i % 2 ? "vote.approve" : "vote.deny", id));
      await timed(() => click(bare.url, MEMBERS[0]!.slack, "vote.approve", id));
    }
    const b = bot;
    out.push(
      ...(await measureAck({
        members: MEMBERS,
        levels,
        minRequests,
        ours: (m, choice) => timed(() => click(url(), m.slack, `vote.${choice}`, id)),
        bare: (m) => timed(() => click(bare.url, m.slack, "vote.approve", id)),
        settle: () => b.idle(),
        counted: (ids, choice) => b.ctx.store.db.vote.count({ where: { personId: { in: ids }, choice } }),
      })),
    );
    // Card updates: the bot as it runs in production (refreshes at most once a second per application).
    await bot.stop();
    bot = await startBot(config, [slackAdapterFactory], { logger: createSilentLogger(), scheduler: false });
    const refs = await bot.ctx.store.db.messageRef.findMany({ where: { applicationId: id } });
    const current = await bot.ctx.store.db.vote.findFirst({ where: { personId: MEMBERS[0]!.id } });
    const choice = current?.choice === "approve" ? "deny" : "approve";
    const before = fake.of("chat.update").length;
    await Promise.all(MEMBERS.map((m) => timed(() => click(url(), m.slack, `vote.${choice}`, id))));
    await bot.idle();
    const updates = fake.of("chat.update").slice(before);
    const updatesPerCopy = Object.fromEntries(refs.map((r) => [r.kind, updates.filter((u) => u.args.ts === r.messageId && u.args.channel === r.conversationId).length]));
    const commission = refs.find((r) => r.kind === "commission")!;
    const last = JSON.stringify(updates.filter((u) => u.args.ts === commission.messageId).at(-1)?.args.blocks ?? "");
    const label = choice === "approve" ? `Approve ${MEMBERS.length} · Deny 0` : `Approve 0 · Deny ${MEMBERS.length}`;
    burst = { votes: MEMBERS.length, updatesPerCopy, finalExact: last.includes(label) };
  } finally {
    await bare.close();
    await bot.stop();
    await fake.stop();
  }
  return { ack: out, burst };
}
