import { networkInterfaces } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isLoopback } from "../../adapters/teams/http-bridge.js";
import { teamsAdapterFactory } from "../../adapters/teams/index.js";
import { loadConfig } from "../../src/config/index.js";
import { startTeamsRig, U, TENANT, BOT, type TeamsRig } from "./teams-rig.js";

const CREDENTIALS = { TEAMS_CLIENT_ID: "11111111-2222-4333-8444-555555555555", TEAMS_CLIENT_SECRET: "not-a-real-secret" };

describe("Teams endpoint with app credentials", () => {
  let rig: TeamsRig;
  beforeAll(async () => {
    rig = await startTeamsRig("sqlite", { env: CREDENTIALS });
  });
  afterAll(async () => {
    await rig.close();
  });

  it("says in the start-up log whether tokens are checked", () => {
    expect(teamsAdapterFactory.describe(loadConfig({ ...CREDENTIALS })).how).toContain("validates Bot Framework tokens for app 11111111-2222-4333-8444-555555555555");
    const open = teamsAdapterFactory.describe(loadConfig({}));
    expect(open).toMatchObject({ enabled: true });
    expect(open.how).toContain("UNAUTHENTICATED");
  });

  it("rejects an activity without a valid Bot Framework token (401) and changes nothing", async () => {
    const activity = {
      type: "message",
      id: "f:unauthenticated",
      channelId: "msteams",
      serviceUrl: rig.fake.url,
      from: { ...U.applicant, role: "user" },
      recipient: BOT,
      conversation: { id: "a:personal-applicant", conversationType: "personal", tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
      text: "apply",
    };
    const none = await rig.post(activity);
    expect(none.status).toBe(401);
    const forged = await rig.post(activity, { authorization: "Bearer not.a.jwt" });
    expect(forged.status).toBe(401);
    const invoke = await rig.post({ ...activity, type: "invoke", name: "task/submit", value: { data: { formId: "application", intent: "submit", proposedCity: "Sopot" } } }, { authorization: "Bearer x" });
    expect(invoke.status).toBe(401);

    const db = rig.bot.store.db;
    expect(await db.conversationRef.count()).toBe(0);
    expect(await db.application.count()).toBe(0);
    expect(await db.processedEvent.count()).toBe(0);
    expect(rig.fake.calls).toEqual([]);
  });
});

describe("Teams endpoint without app credentials", () => {
  const lan = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === "IPv4" && !i.internal)?.address;

  it("knows a loopback address", () => {
    for (const a of ["127.0.0.1", "127.8.9.1", "::1", "::ffff:127.0.0.1"]) expect(isLoopback(a), a).toBe(true);
    for (const a of ["10.0.0.1", "::ffff:192.168.1.2", "fe80::1", "", undefined]) expect(isLoopback(a), String(a)).toBe(false);
  });

  it.skipIf(!lan)("refuses requests from other machines (403) and changes nothing, even when listening on every interface", async () => {
    const rig = await startTeamsRig("sqlite", { env: { HOST: "0.0.0.0" } });
    try {
      const body = JSON.stringify({ type: "message", id: "f:lan", channelId: "msteams", serviceUrl: rig.fake.url, from: { ...U.director, role: "user" }, recipient: BOT, conversation: { id: "a:x", conversationType: "personal" }, text: "list" });
      const res = await fetch(`http://${lan}:${rig.bot.port}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body });
      expect(res.status).toBe(403);
      expect(await rig.bot.store.db.conversationRef.count()).toBe(0);
      expect((await rig.say(U.director, "help")).status).toBe(200); // the same machine is fine
    } finally {
      await rig.close();
    }
  });
});
