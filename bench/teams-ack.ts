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
import { measureAck, type AckResult, type BenchDb } from "./lib.js";

const MEMBERS = Array.from({ length: 50 }, (_, i) => ({ id: `m${i}`, name: `Member ${i}`, roles: ["commissioner" as const], teams: `29:m${i}` }));
let seq = 0;

function invoke(serviceUrl: string, user: string, verb: string, applicationId: number): Record<string, unknown> {
  return {
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

/** Runs the Teams vote-ack benchmark on one database. */
export async function teamsVoteAck(db: BenchDb, levels = [1, 10, 50], rounds = 8): Promise<AckResult[]> {
  const fake = new FakeConnector();
  await fake.start();
  const policy = testPolicy({ people: [{ id: "dana", name: "Dana Director", roles: ["director"], slack: "UDIRECTOR", teams: "29:director" }, ...MEMBERS] });
  const dir = mkdtempSync(join(tmpdir(), "sc-bench-"));
  writeFileSync(join(dir, "policy.json"), JSON.stringify(policy));
  const config = loadConfig({ DATABASE_URL: db.url, PORT: "0", HOST: "127.0.0.1", POLICY_FILE: join(dir, "policy.json"), TEAMS_ALLOW_UNAUTHENTICATED_LOCAL: "true" });
  const bot = await startBot(config, [teamsAdapterFactory], { logger: createSilentLogger(), scheduler: false });
  const bare = await bareTeams();
  const url = `http://127.0.0.1:${bot.port}/api/messages`;
  const out: AckResult[] = [];
  try {
    const { id } = await submitApplication(bot.ctx, { actor: applicant, answers: answersFromForm({ ...sopot }) });
    await reviewIntake(bot.ctx, { actor: director, applicationId: id, decision: "accept" });
    await bot.idle();
    for (let i = 0; i < 20; i++) {
      await timed(url, invoke(fake.url, MEMBERS[0]!.teams, i % 2 ? "vote.approve" : "vote.deny", id));
      await timed(bare.url, invoke(fake.url, MEMBERS[0]!.teams, "vote.approve", id));
    }
    out.push(
      ...(await measureAck({
        members: MEMBERS,
        levels,
        rounds,
        ours: (m, choice) => timed(url, invoke(fake.url, m.teams, `vote.${choice}`, id)),
        bare: (m) => timed(bare.url, invoke(fake.url, m.teams, "vote.approve", id)),
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
