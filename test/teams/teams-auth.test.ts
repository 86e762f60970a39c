import { networkInterfaces } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isLoopback } from "../../adapters/teams/http-bridge.js";
import { teamsAdapterFactory } from "../../adapters/teams/index.js";
import { serviceUrlAllowed } from "../../adapters/teams/service-url.js";
import { startBot } from "../../src/bot.js";
import { loadConfig } from "../../src/config/index.js";
import type { CardView } from "../../src/views/model.js";
import { testDatabase } from "../support/databases.js";
import { startTeamsRig, U, TENANT, BOT, type TeamsRig } from "./teams-rig.js";
import { TokenServer } from "./token-server.js";

type J = Record<string, unknown>;
const CLIENT_ID = "11111111-2222-4333-8444-555555555555";
const CREDENTIALS = { TEAMS_CLIENT_ID: CLIENT_ID, TEAMS_CLIENT_SECRET: "not-a-real-secret" };
// Where real Teams says replies go (public cloud, Americas); nothing is sent there in these tests.
const MICROSOFT = "https://smba.trafficmanager.net/amer/";
const VIEW: CardView = { kind: "card", summary: "test", blocks: [{ type: "text", text: "hello" }] };

/** A personal-chat install: the bot stores where to reach the person and answers nothing, so nothing is sent. */
const install = (serviceUrl: string, over: J = {}): J => ({
  type: "conversationUpdate",
  id: `f:install-${Math.random().toString(36).slice(2)}`,
  channelId: "msteams",
  serviceUrl,
  timestamp: new Date().toISOString(),
  from: { ...U.director, role: "user" },
  recipient: BOT,
  conversation: { id: "a:personal-director", conversationType: "personal", tenantId: TENANT },
  channelData: { tenant: { id: TENANT } },
  membersAdded: [BOT, U.director],
  ...over,
});

async function nothingStored(rig: TeamsRig): Promise<void> {
  const db = rig.bot.store.db;
  expect(await db.conversationRef.count()).toBe(0);
  expect(await db.application.count()).toBe(0);
  expect(await db.processedEvent.count()).toBe(0);
  expect(rig.fake.calls).toEqual([]);
}

describe("Teams is off unless the city turns it on", () => {
  it("says so at start-up, with how to turn it on, and /api/messages acts on nothing", async () => {
    const db = await testDatabase("sqlite");
    const lines: string[] = [];
    const logger = {
      debug: () => undefined,
      info: (o: object | string, m?: string) => void lines.push(typeof o === "string" ? o : (m ?? "")),
      warn: (o: object | string, m?: string) => void lines.push(typeof o === "string" ? o : (m ?? "")),
      error: () => undefined,
      child: () => logger,
    };
    const bot = await startBot(loadConfig({ DATABASE_URL: db.url, PORT: "0", HOST: "127.0.0.1" }), [teamsAdapterFactory], { logger, scheduler: false });
    try {
      expect(bot.ctx.platforms.has("teams")).toBe(false);
      expect(lines.join("\n")).toMatch(/teams: .*Teams is off.*TEAMS_CLIENT_ID and TEAMS_CLIENT_SECRET.*TEAMS_ALLOW_UNAUTHENTICATED_LOCAL=true/);
      const res = await fetch(`http://127.0.0.1:${bot.port}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(install("http://127.0.0.1:9/")) });
      expect(res.status).toBe(404);
      expect(await bot.store.db.conversationRef.count()).toBe(0);
    } finally {
      await bot.stop();
      await db.drop();
    }
  });

  it("describes each mode", () => {
    expect(teamsAdapterFactory.describe(loadConfig({ ...CREDENTIALS })).how).toContain(`validates Bot Framework tokens for app ${CLIENT_ID}`);
    expect(teamsAdapterFactory.describe(loadConfig({}))).toMatchObject({ enabled: false });
    const local = teamsAdapterFactory.describe(loadConfig({ TEAMS_ALLOW_UNAUTHENTICATED_LOCAL: "true" }));
    expect(local).toMatchObject({ enabled: true });
    expect(local.how).toContain("UNAUTHENTICATED");
  });
});

describe("Teams in local mode (TEAMS_ALLOW_UNAUTHENTICATED_LOCAL=true)", () => {
  let rig: TeamsRig;
  beforeAll(async () => {
    rig = await startTeamsRig("sqlite");
  });
  afterAll(async () => {
    await rig.close();
  });

  it("knows a loopback address", () => {
    for (const a of ["127.0.0.1", "127.8.9.1", "::1", "::ffff:127.0.0.1"]) expect(isLoopback(a), a).toBe(true);
    for (const a of ["10.0.0.1", "::ffff:192.168.1.2", "fe80::1", "", undefined]) expect(isLoopback(a), String(a)).toBe(false);
  });

  it("refuses a request that came through a proxy (403) and stores nothing", async () => {
    const proxied: Record<string, string>[] = [{ forwarded: "for=203.0.113.7" }, { "x-forwarded-for": "203.0.113.7" }, { "x-real-ip": "203.0.113.7" }];
    for (const header of proxied) {
      const res = await rig.post(install(rig.fake.url), header);
      expect(res.status, JSON.stringify(header)).toBe(403);
    }
    // The forged intake decision from the issue: the director's "accept" through a proxy on the same host.
    const accept = await rig.post({ ...install(rig.fake.url), type: "invoke", name: "adaptiveCard/action", value: { action: { type: "Action.Execute", verb: "intake.accept", data: { applicationId: 1 } } } }, { "x-forwarded-for": "203.0.113.7" });
    expect(accept.status).toBe(403);
    await nothingStored(rig);
  });

  it("refuses an activity whose serviceUrl is not on this machine (403) and stores nothing", async () => {
    const res = await rig.post(install("https://attacker.example/"));
    expect(res.status).toBe(403);
    await nothingStored(rig);
    expect((await rig.install(U.director)).status).toBe(200); // the Playground's loopback serviceUrl is fine
    expect(await rig.bot.store.db.conversationRef.count({ where: { authenticated: false } })).toBeGreaterThan(0);
  });

  const lan = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === "IPv4" && !i.internal)?.address;
  it.skipIf(!lan)("refuses requests from other machines (403) and changes nothing, even when listening on every interface", async () => {
    const wide = await startTeamsRig("sqlite", { env: { HOST: "0.0.0.0" } });
    try {
      const res = await fetch(`http://${lan}:${wide.bot.port}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(install(wide.fake.url)) });
      expect(res.status).toBe(403);
      await nothingStored(wide);
      expect((await wide.say(U.director, "help")).status).toBe(200); // the same machine is fine
    } finally {
      await wide.close();
    }
  });
});

describe("Teams with app credentials: only Bot Framework tokens for this bot, from the city's tenant", () => {
  const keys = new TokenServer();
  let rig: TeamsRig;
  beforeAll(async () => {
    await keys.start();
    rig = await startTeamsRig("sqlite", { env: { ...CREDENTIALS, TEAMS_TENANT_ID: TENANT }, teams: { openIdMetadataUrl: keys.metadataUrl } });
  });
  afterAll(async () => {
    await rig.close();
    await keys.stop();
  });

  const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

  it("refuses missing, malformed and forged tokens (401) and changes nothing", async () => {
    const activity = install(MICROSOFT);
    expect((await rig.post(activity)).status).toBe(401);
    expect((await rig.post(activity, { authorization: "Bearer not.a.jwt" })).status).toBe(401);
    expect((await rig.post(activity, bearer(await keys.sign(CLIENT_ID, MICROSOFT, { foreignKey: true })))).status).toBe(401);
    await nothingStored(rig);
  });

  it.each([
    ["another issuer (an Entra token of any tenant)", { iss: "https://sts.windows.net/00000000-0000-0000-0000-000000000bad/" }],
    ["another issuer (Entra v2)", { iss: "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000bad/v2.0" }],
    ["another audience (another bot)", { aud: "99999999-2222-4333-8444-555555555555" }],
    ["a serviceurl claim other than the activity's serviceUrl", { serviceurl: "https://smba.trafficmanager.net/emea/" }],
    ["an expired token", { exp: Math.floor(Date.now() / 1000) - 3600 }],
    ["a token not valid yet", { nbf: Math.floor(Date.now() / 1000) + 3600 }],
  ])("refuses %s (401) and changes nothing", async (_what, claims) => {
    const res = await rig.post(install(MICROSOFT), bearer(await keys.sign(CLIENT_ID, MICROSOFT, claims)));
    expect(res.status).toBe(401);
    await nothingStored(rig);
  });

  it("refuses an activity from another tenant (401) and changes nothing", async () => {
    const other = install(MICROSOFT, { conversation: { id: "a:personal-director", conversationType: "personal", tenantId: "tenant-elsewhere" }, channelData: { tenant: { id: "tenant-elsewhere" } } });
    expect((await rig.post(other, bearer(await keys.sign(CLIENT_ID, MICROSOFT)))).status).toBe(401);
    const none = install(MICROSOFT, { conversation: { id: "a:personal-director", conversationType: "personal" }, channelData: {} });
    expect((await rig.post(none, bearer(await keys.sign(CLIENT_ID, MICROSOFT)))).status).toBe(401);
    await nothingStored(rig);
  });

  it("refuses a signed activity whose serviceUrl is not a Microsoft Bot Connector host (403) and stores nothing", async () => {
    for (const url of [rig.fake.url, "https://attacker.example/", "http://smba.trafficmanager.net/amer/", "https://smba.trafficmanager.net.attacker.example/"]) {
      const res = await rig.post(install(url), bearer(await keys.sign(CLIENT_ID, url)));
      expect(res.status, url).toBe(403);
    }
    await nothingStored(rig);
  });

  it("handles an activity with a good token, and remembers the reference as authenticated", async () => {
    const res = await rig.post(install(MICROSOFT), bearer(await keys.sign(CLIENT_ID, MICROSOFT)));
    expect(res.status).toBe(200);
    const row = await rig.bot.store.db.conversationRef.findUniqueOrThrow({ where: { platform_key: { platform: "teams", key: `user:${U.director.id}` } } });
    expect(row).toMatchObject({ serviceUrl: MICROSOFT.replace(/\/$/, ""), authenticated: true, conversationId: "a:personal-director" });
  });

  it("never sends with the bot's credentials to a stored serviceUrl outside Microsoft's hosts", async () => {
    const db = rig.bot.store.db;
    await db.conversationRef.create({ data: { platform: "teams", key: "user:29:victim", conversationId: "a:victim", serviceUrl: rig.fake.url, authenticated: true } });
    const teams = rig.bot.ctx.platforms.get("teams")!;
    await expect(teams.send({ platform: "teams", kind: "user", id: "29:victim" }, VIEW)).rejects.toThrow(/not a Microsoft Bot Connector host/);
    expect(rig.fake.calls).toEqual([]);
  });

  it("never uses a reference saved in local mode (or of unknown origin)", async () => {
    const db = rig.bot.store.db;
    await db.conversationRef.create({ data: { platform: "teams", key: "user:29:old", conversationId: "a:old", serviceUrl: MICROSOFT } });
    const teams = rig.bot.ctx.platforms.get("teams")!;
    await expect(teams.send({ platform: "teams", kind: "user", id: "29:old" }, VIEW)).rejects.toThrow(/not installed/);
  });
});

describe("a reference saved in local mode after the city sets its credentials", () => {
  it("is not used: the bot waits for a token-checked activity from that person", async () => {
    const keys = new TokenServer();
    await keys.start();
    const rig = await startTeamsRig("sqlite", { teams: { openIdMetadataUrl: keys.metadataUrl } });
    try {
      expect((await rig.install(U.director)).status).toBe(200);
      await rig.restart({ ...CREDENTIALS });
      const teams = rig.bot.ctx.platforms.get("teams")!;
      const before = rig.fake.calls.length;
      await expect(teams.send({ platform: "teams", kind: "user", id: U.director.id }, VIEW)).rejects.toThrow(/not installed/);
      expect(rig.fake.calls.length).toBe(before);
    } finally {
      await rig.close();
      await keys.stop();
    }
  });
});

describe("the serviceUrl allow-list", () => {
  it("allows Microsoft's documented Bot Connector hosts when authenticated, and only this machine in local mode", () => {
    for (const u of ["https://smba.trafficmanager.net/amer/", "https://smba.trafficmanager.net/teams/", "https://smba.infra.gcc.teams.microsoft.com/", "https://smba.infra.gov.teams.microsoft.us/", "https://smba.infra.dod.teams.microsoft.us/", "https://directline.botframework.com/"])
      expect(serviceUrlAllowed(u, "authenticated"), u).toBe(true);
    for (const u of ["http://127.0.0.1:3978/", "https://evil.example/", "https://smba.trafficmanager.net:8443/", "https://user:pw@smba.trafficmanager.net/", "https://botframework.com.evil.example/", "https://evilbotframework.com/", "not a url"])
      expect(serviceUrlAllowed(u, "authenticated"), u).toBe(false);
    for (const u of ["http://127.0.0.1:56150/", "http://localhost:3978/", "http://[::1]:3978/"]) expect(serviceUrlAllowed(u, "local"), u).toBe(true);
    for (const u of ["https://smba.trafficmanager.net/amer/", "http://10.0.0.5/", "http://127.0.0.1.evil.example/"]) expect(serviceUrlAllowed(u, "local"), u).toBe(false);
  });
});
