import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
