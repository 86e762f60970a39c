// Vote acknowledgement latency for Teams: adaptiveCard/action invokes POSTed to the running bot's /api/messages
// (real Teams SDK endpoint, real database, fake Bot Connector on loopback), against a bare Teams SDK app that only
// answers the invoke, measured in the same run.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App } from "@microsoft/teams.apps";
import type { AdaptiveCardActionResponse } from "@microsoft/teams.api";
import { createHttpBridge } from "../adapters/teams/http-bridge.js";
import { localGuard } from "../adapters/teams/inbound-guard.js";
import { createSdkLogger } from "../adapters/teams/sdk-logger.js";
import { teamsAdapterFactory } from "../adapters/teams/index.js";
import { reviewIntake } from "../src/app/review-intake.js";
import { submitApplication } from "../src/app/submit-application.js";
import { startBot } from "../src/bot.js";
import { loadConfig } from "../src/config/index.js";
import { createSilentLogger } from "../src/logger.js";
import { createHttpServer } from "../src/server.js";
import { answersFromForm } from "../src/views/application-form.js";
import { applicant, director, sopot, testPolicy } from "../test/support/fixtures.js";
import { FakeConnector } from "../test/teams/fake-connector.js";
import { measureAck, type AckResult, type BenchDb, type BurstUpdates } from "./lib.js";

const MEMBERS = Array.from({ length: 50 }, (_, i) => ({ id: `m${i}`, name: `Member ${i}`, roles: ["commissioner" as const], teams: `29:m${i}` }));
let seq = 0;
const TEAM = "19:team-general@thread.tacv2";

function invoke(serviceUrl: string, user: string, verb: string, applicationId: number, replyToId?: string): Record<string, unknown> {
  return {
    ...(replyToId ? { replyToId } : {}),
    type: "invoke",
    name: "adaptiveCard/action",
    id: `f:bench-${++seq}`,
    channelId: "msteams",
    serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: user, name: user, role: "user" },
    recipient: { id: "28:sister-cities-bot", name: "Sister Cities", role: "bot" },
    conversation: { id: "19:commission@thread.tacv2", conversationType: "channel", isGroup: true, tenantId: "tenant-pinole" },
    channelData: { tenant: { id: "tenant-pinole" }, channel: { id: "19:commission@thread.tacv2" } },
    value: { action: { type: "Action.Execute", verb, data: { applicationId } }, trigger: "manual" },
  };
}

async function timed(url: string, body: unknown): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
  return performance.now() - t0;
}

async function bareTeams(): Promise<{ url: string; close(): Promise<void> }> {
  const logger = createSilentLogger();
  const bridge = createHttpBridge(logger);
  const app = new App({ clientId: "", clientSecret: "", tenantId: "", httpServerAdapter: bridge, dangerouslyAllowUnauthenticatedRequests: true, messagingEndpoint: "/api/messages", logger: createSdkLogger(logger) });
  app.on("card.action", async () => ({ status: 200, body: { statusCode: 200, type: "application/vnd.microsoft.activity.message", value: "ok" } as unknown as AdaptiveCardActionResponse }));
  await app.initialize();
  const server = createHttpServer({ logger, healthCheck: async () => undefined });
  server.mount("/api/messages", bridge.handlerFor("/api/messages", localGuard(logger)));
  const port = await server.listen(0, "127.0.0.1");
  return { url: `http://127.0.0.1:${port}/api/messages`, close: () => server.close() };
}

/** Runs the Teams vote-ack benchmark on one database; then counts activity updates per card copy in a burst of 50. */
export async function teamsVoteAck(db: BenchDb, levels = [1, 10, 50], minRequests = 200): Promise<{ ack: AckResult[]; burst: BurstUpdates }> {
  const fake = new FakeConnector();
  await fake.start();
  const policy = testPolicy({ people: [{ id: "dana", name: "Dana Director", roles: ["director"], slack: "UDIRECTOR", teams: "29:director" }, ...MEMBERS] });
  const dir = mkdtempSync(join(tmpdir(), "sc-bench-"));
  writeFileSync(join(dir, "policy.json"), JSON.stringify(policy));
  const config = loadConfig({ DATABASE_URL: db.url, PORT: "0", HOST: "127.0.0.1", POLICY_FILE: join(dir, "policy.json"), TEAMS_ALLOW_UNAUTHENTICATED_LOCAL: "true" });
  // Latency with every vote refreshing at once (see vote-ack.ts); the burst count with production's setting.
  let bot = await startBot(config, [teamsAdapterFactory], { logger: createSilentLogger(), scheduler: false, refreshGapMs: 0 });
  const bare = await bareTeams();
  const out: AckResult[] = [];
  let burst: BurstUpdates;
  try {
    // The app is installed in the commission's team, so the commission card can be posted to its channel.
    fake.teamChannels = [{ id: TEAM, name: "General" }, { id: "19:commission@thread.tacv2", name: "Commission" }];
    await fetch(`http://127.0.0.1:${bot.port}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(installActivity(fake.url)) });
    await bot.idle();
    const { id } = await submitApplication(bot.ctx, { actor: applicant, answers: answersFromForm({ ...sopot }) });
    await reviewIntake(bot.ctx, { actor: director, applicationId: id, decision: "accept" });
    await bot.idle();
    const url = () => `http://127.0.0.1:${bot.port}/api/messages`;
    const ref = await bot.ctx.store.db.messageRef.findFirst({ where: { applicationId: id, kind: "commission" } });
    const on = ref ? ref.messageId : undefined;
    for (let i = 0; i < 20; i++) {
      await timed(url(), invoke(fake.url, MEMBERS[0]!.teams, i % 2 ? "vote.approve" : "vote.deny", id, on));
      await timed(bare.url, invoke(fake.url, MEMBERS[0]!.teams, "vote.approve", id, on));
    }
    const b = bot;
    out.push(
      ...(await measureAck({
        members: MEMBERS,
        levels,
        minRequests,
        ours: (m, choice) => timed(url(), invoke(fake.url, m.teams, `vote.${choice}`, id, on)),
        bare: (m) => timed(bare.url, invoke(fake.url, m.teams, "vote.approve", id, on)),
        settle: () => b.idle(),
        counted: (ids, choice) => b.ctx.store.db.vote.count({ where: { personId: { in: ids }, choice } }),
      })),
    );
    await bot.stop();
    bot = await startBot(config, [teamsAdapterFactory], { logger: createSilentLogger(), scheduler: false });
    const refs = await bot.ctx.store.db.messageRef.findMany({ where: { applicationId: id } });
    const current = await bot.ctx.store.db.vote.findFirst({ where: { personId: MEMBERS[0]!.id } });
    const choice = current?.choice === "approve" ? "deny" : "approve";
    const before = fake.calls.length;
    await Promise.all(MEMBERS.map((m) => timed(url(), invoke(fake.url, m.teams, `vote.${choice}`, id, on))));
    await bot.idle();
    const updatesPerCopy = Object.fromEntries(refs.map((r) => [r.kind, fake.calls.slice(before).filter((c) => c.method === "PUT" && c.activityId === r.messageId && !("failedWith" in c)).length]));
    const label = choice === "approve" ? `Approve ${MEMBERS.length} · Deny 0` : `Approve 0 · Deny ${MEMBERS.length}`;
    const latest = ref ? JSON.stringify(fake.latest(ref.conversationId, ref.messageId) ?? "") : "";
    burst = { votes: MEMBERS.length, updatesPerCopy, finalExact: latest.includes(label) };
  } finally {
    await bare.close();
    await bot.stop();
    await fake.stop();
  }
  return { ack: out, burst };
}

/** The conversationUpdate Teams sends when the app is added to the commission's team. */
function installActivity(serviceUrl: string): Record<string, unknown> {
  return {
    type: "conversationUpdate",
    id: "f:bench-install",
    channelId: "msteams",
    serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: "29:director", name: "Dana Director", role: "user" },
    recipient: { id: "28:sister-cities-bot", name: "Sister Cities", role: "bot" },
    conversation: { id: TEAM, conversationType: "channel", isGroup: true, tenantId: "tenant-pinole" },
    channelData: { tenant: { id: "tenant-pinole" }, team: { id: TEAM, name: "City of Pinole" }, eventType: "teamMemberAdded" },
    membersAdded: [{ id: "28:sister-cities-bot" }],
  };
}
