// The Teams part of `npm run doctor`: the credentials against a fake Entra token endpoint, and the conversation
// references the bot stored from real Bot Framework activities (the Teams rig) for the channel, tenant and people.
import { createConversationRefStore } from "../../src/store/conversation-refs.js";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { teamsDoctor, teamsTokenUrl } from "../../adapters/teams/doctor.js";
import { loadConfig } from "../../src/config/index.js";
import type { Check, PlatformReport } from "../../src/doctor/check.js";
import type { Policy } from "../../src/domain/policy.js";
import { createSilentLogger } from "../../src/logger.js";
import { providers } from "../support/databases.js";
import { testPolicy } from "../support/fixtures.js";
import { CHANNEL, startTeamsRig, TENANT, U, type TeamsRig } from "./teams-rig.js";

const PEOPLE = [
  { personId: "dana", name: "Dana Director", userId: U.director.id },
  { personId: "cam1", name: "Alma Reyes", userId: U.comm1.id },
];

describe.each(providers())("npm run doctor: Teams (%s)", (provider) => {
  let rig: TeamsRig;
  let dir: string;
  beforeEach(async () => {
    rig = await startTeamsRig(provider);
    dir = mkdtempSync(join(tmpdir(), "sc-teams-doctor-"));
  });
  afterEach(async () => {
    await rig.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function run(env: Record<string, string> = {}, policy: Policy = testPolicy()): Promise<PlatformReport> {
    const policyFile = join(dir, "policy.json");
    writeFileSync(policyFile, JSON.stringify(policy));
    const config = loadConfig({
      POLICY_FILE: policyFile,
      TEAMS_CLIENT_ID: rig.fake.credentials.clientId,
      TEAMS_CLIENT_SECRET: rig.fake.credentials.clientSecret,
      TEAMS_TOKEN_URL: rig.fake.tokenUrl(),
      ...env,
    });
    // The rig talks to the bot in local mode; the doctor checks a bot with credentials, which uses only references
    // stored under credentials, so the rows the rig left are marked as such.
    await rig.db.store.db.conversationRef.updateMany({ data: { authenticated: true } });
    return teamsDoctor({ config, conversations: createConversationRefStore(rig.db.store.db), people: PEOPLE, logger: createSilentLogger() });
  }
  const line = (r: PlatformReport, label: string): Check | undefined => r.checks.find((c) => c.label === label);

  it("passes when the credentials get a token, the app is in the commission channel and people have used it", async () => {
    await rig.say(U.director, "help", "channel"); // the commission channel's reference, as any channel message leaves it
    await rig.say(U.director, "help"); // the director's own chat
    const r = await run({ TEAMS_TENANT_ID: TENANT, TEAMS_TOKEN_URL: rig.fake.tokenUrl(TENANT) });
    expect(r.checks.map((c) => [c.label, c.status, c.detail])).toEqual([
      ["Teams: credentials", "ok", "the app's credentials get a Bot Framework token"],
      ["Teams: commission channel", "ok", `the reference for ${CHANNEL} is stored (the app is in its team)`],
      ["Teams: tenant", "ok", `stored references come from TEAMS_TENANT_ID ${TENANT}`],
    ]);
    expect(r.commissionChannel).toBe(true);
    expect(r.usesDownloadLinks).toBe(true);
    expect(rig.fake.tokenRequests).toEqual([
      { tenant: TENANT, form: { grant_type: "client_credentials", client_id: "app-id", client_secret: "app-secret", scope: "https://api.botframework.com/.default" } },
    ]);
    expect(r.reach.dana).toEqual({ reachable: true, detail: `Teams user ${U.director.id}` });
    expect(r.reach.cam1).toEqual({ reachable: false, detail: expect.stringContaining(`the app is not installed for ${U.comm1.id} yet`) });
  });

  it("fails with Entra's reason when the secret or the app id is wrong", async () => {
    let r = await run({ TEAMS_CLIENT_SECRET: "expired-secret" });
    expect(line(r, "Teams: credentials")).toEqual({
      label: "Teams: credentials",
      status: "fail",
      detail: "Microsoft Entra refused the credentials: AADSTS7000215: Invalid client secret provided.",
      fix: expect.stringContaining("Certificates & secrets"),
    });
    r = await run({ TEAMS_CLIENT_ID: "someone-else" });
    expect(line(r, "Teams: credentials")).toMatchObject({ status: "fail", detail: expect.stringContaining("AADSTS700016: Application with identifier 'someone-else' was not found") });
  });

  it("fails when the token endpoint cannot be reached", async () => {
    const r = await run({ TEAMS_TOKEN_URL: "http://127.0.0.1:9/botframework.com/oauth2/v2.0/token" });
    expect(line(r, "Teams: credentials")).toMatchObject({ status: "fail", detail: expect.stringMatching(/^cannot reach Microsoft Entra: /) });
  });

  it("fails when no reference for the commission channel is stored, and warns when none is configured", async () => {
    let r = await run();
    expect(line(r, "Teams: commission channel")).toMatchObject({
      status: "fail",
      detail: `no conversation reference is stored for ${CHANNEL}: the app has not been added to that channel's team, or the id is wrong`,
      fix: expect.stringContaining("add the Sister Cities app to the commission's team"),
    });
    expect(r.commissionChannel).toBe(false);
    r = await run({}, testPolicy({ channels: { slack: "CCOMMISSION" } }));
    expect(line(r, "Teams: commission channel")).toMatchObject({ status: "warn", detail: expect.stringContaining("channels.teams") });
  });

  it("fails when stored references come from another tenant than TEAMS_TENANT_ID", async () => {
    await rig.say(U.director, "help", "channel");
    const r = await run({ TEAMS_TENANT_ID: "tenant-elsewhere" });
    expect(line(r, "Teams: tenant")).toMatchObject({ status: "fail", detail: `stored references come from other tenants (${TENANT}) than TEAMS_TENANT_ID tenant-elsewhere` });
    expect(line(r, "Teams: commission channel")).toMatchObject({ status: "fail", detail: `the reference for ${CHANNEL} is from tenant ${TENANT}, not TEAMS_TENANT_ID tenant-elsewhere` });
    expect(rig.fake.tokenRequests.at(-1)?.tenant).toBe("botframework.com"); // TEAMS_TOKEN_URL wins over the tenant's URL
  });

  it("is skipped, not failed, without credentials (local Playground only)", async () => {
    const policyFile = join(dir, "p.json");
    writeFileSync(policyFile, JSON.stringify(testPolicy()));
    const r = await teamsDoctor({ config: loadConfig({ POLICY_FILE: policyFile }), conversations: createConversationRefStore(rig.db.store.db), people: PEOPLE, logger: createSilentLogger() });
    expect(r.connected).toBe(false);
    expect(r.checks).toEqual([expect.objectContaining({ label: "Teams", status: "ok", detail: expect.stringContaining("not connected, skipped") })]);
    expect(rig.fake.tokenRequests).toEqual([]);
  });
});

describe("npm run doctor: Teams token endpoint", () => {
  it("asks Entra at the bot's tenant when single-tenant, else at botframework.com", () => {
    expect(teamsTokenUrl("tenant-pinole")).toBe("https://login.microsoftonline.com/tenant-pinole/oauth2/v2.0/token");
    expect(teamsTokenUrl(undefined)).toBe("https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token");
  });
});
