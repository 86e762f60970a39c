// The Slack part of `npm run doctor` against the fake Slack Web API: each check passing, and failing with its message.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readSlackManifest, slackDoctor, type SlackManifestFacts } from "../../adapters/slack/doctor.js";
import { loadConfig } from "../../src/config/index.js";
import type { Check, PlatformReport } from "../../src/doctor/check.js";
import type { Policy } from "../../src/domain/policy.js";
import { createSilentLogger } from "../../src/logger.js";
import { testPolicy } from "../support/fixtures.js";
import { FakeSlack } from "./fake-slack.js";

const MANIFEST = readSlackManifest();
const PEOPLE = [
  { personId: "dana", name: "Dana Director", userId: "UDIRECTOR" },
  { personId: "cam1", name: "Alma Reyes", userId: "UCOMM1" },
  { personId: "cam2", name: "Ben Okafor", userId: "UCOMM2" },
];

describe("npm run doctor: Slack", () => {
  let fake: FakeSlack;
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "sc-slack-doctor-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(async () => {
    fake = new FakeSlack();
    await fake.start();
    fake.scopes = [...MANIFEST.scopes];
  });
  afterEach(async () => {
    await fake.stop();
  });

  async function run(env: Record<string, string> = {}, opts: { policy?: Policy; manifest?: SlackManifestFacts } = {}): Promise<PlatformReport> {
    const policyFile = join(dir, `policy-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(policyFile, JSON.stringify(opts.policy ?? testPolicy()));
    const config = loadConfig({ POLICY_FILE: policyFile, SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: "secret", SLACK_API_URL: fake.url, ...env });
    return slackDoctor({ config, conversations: null, people: PEOPLE, logger: createSilentLogger() }, opts.manifest ?? MANIFEST);
  }
  const line = (r: PlatformReport, label: string): Check | undefined => r.checks.find((c) => c.label === label);

  it("passes every check on a correctly installed app, and finds each person", async () => {
    const r = await run();
    expect(r.connected).toBe(true);
    expect(r.checks.map((c) => [c.label, c.status])).toEqual([
      ["Slack: mode", "ok"],
      ["Slack: slash command", "ok"],
      ["Slack: bot token", "ok"],
      ["Slack: scopes", "ok"],
      ["Slack: commission channel", "ok"],
    ]);
    expect(line(r, "Slack: bot token")?.detail).toBe("works for workspace TCITY as @sistercities");
    expect(line(r, "Slack: commission channel")?.detail).toBe("the bot is a member of #commission");
    expect(r.commissionChannel).toBe(true);
    expect(fake.of("conversations.info").map((c) => c.args.channel)).toEqual(["CCOMMISSION"]);
    expect(fake.of("users.info").map((c) => c.args.user)).toEqual(["UDIRECTOR", "UCOMM1", "UCOMM2"]);
    expect(Object.values(r.reach).every((x) => x.reachable)).toBe(true);
  });

  it("is skipped, not failed, when Slack is not configured", async () => {
    const config = loadConfig({ POLICY_FILE: "config/pinole.policy.yaml" });
    const r = await slackDoctor({ config, conversations: null, people: [], logger: createSilentLogger() }, MANIFEST);
    expect(r.connected).toBe(false);
    expect(r.checks).toEqual([expect.objectContaining({ label: "Slack", status: "ok", detail: expect.stringMatching(/^not configured, skipped .*SLACK_BOT_TOKEN/) })]);
    expect(fake.calls).toEqual([]);
  });

  it("fails on a refused token, says how to fix it, and makes no other call", async () => {
    fake.fail("auth.test", { status: 200, error: "invalid_auth" });
    const r = await run();
    expect(line(r, "Slack: bot token")).toEqual({
      label: "Slack: bot token",
      status: "fail",
      detail: "auth.test failed: invalid_auth",
      fix: expect.stringContaining("Bot User OAuth Token (xoxb-…)"),
    });
    expect(fake.calls.map((c) => c.method)).toEqual(["auth.test"]);
    expect(r.reach).toEqual({});
  });

  it("fails when the token lacks a scope the manifest asks for, and warns when Slack does not say", async () => {
    fake.scopes = MANIFEST.scopes.filter((s) => s !== "users:read" && s !== "reactions:read");
    expect(line(await run(), "Slack: scopes")).toMatchObject({ status: "fail", detail: "the token lacks scopes the manifest asks for: reactions:read, users:read", fix: expect.stringContaining("Reinstall") });
    fake.scopes = null;
    expect(line(await run(), "Slack: scopes")).toMatchObject({ status: "warn", detail: expect.stringContaining("did not say which scopes") });
  });

  it("fails when the bot is not in the commission channel, or the channel does not exist; warns when none is set", async () => {
    fake.notMemberOf.add("CCOMMISSION");
    let r = await run();
    expect(line(r, "Slack: commission channel")).toMatchObject({ status: "fail", detail: expect.stringContaining("the bot is not a member of #commission"), fix: "in Slack, type /invite @Sister Cities in #commission" });
    expect(r.commissionChannel).toBe(false);

    fake.fail("conversations.info", { status: 200, error: "channel_not_found" });
    r = await run();
    expect(line(r, "Slack: commission channel")).toMatchObject({ status: "fail", detail: "Slack knows no channel CCOMMISSION that the bot can see" });

    r = await run({}, { policy: testPolicy({ channels: { teams: "19:commission@thread.tacv2" } }) });
    expect(line(r, "Slack: commission channel")).toMatchObject({ status: "warn", detail: expect.stringContaining("channels.slack") });
    expect(r.commissionChannel).toBe(false);
  });

  it("fails when SLACK_COMMAND is not the manifest's command", async () => {
    const r = await run({ SLACK_COMMAND: "/sistercities" });
    expect(line(r, "Slack: slash command")).toMatchObject({ status: "fail", detail: "SLACK_COMMAND is /sistercities but manifests/slack/manifest.yaml declares /sistercity" });
  });

  it("checks HTTP vs Socket Mode against the manifest, and the app-level token in Socket Mode", async () => {
    let r = await run({ SLACK_APP_TOKEN: "xapp-1" });
    expect(line(r, "Slack: mode")).toMatchObject({ status: "fail", detail: expect.stringContaining("SLACK_APP_TOKEN is set (Socket Mode) but manifests/slack/manifest.yaml has socket_mode_enabled: false") });

    r = await run({}, { manifest: { ...MANIFEST, socketMode: true } });
    expect(line(r, "Slack: mode")).toMatchObject({ status: "fail", detail: expect.stringContaining("socket_mode_enabled: true but SLACK_APP_TOKEN is not set") });

    fake.calls = [];
    r = await run({ SLACK_APP_TOKEN: "xapp-1", SLACK_SIGNING_SECRET: "" }, { manifest: { ...MANIFEST, socketMode: true } });
    expect(line(r, "Slack: mode")).toMatchObject({ status: "ok", detail: "Socket Mode, as the manifest says" });
    expect(line(r, "Slack: app-level token")?.status).toBe("ok");
    expect(fake.of("apps.connections.open")).toHaveLength(1);

    fake.fail("apps.connections.open", { status: 200, error: "invalid_auth" });
    r = await run({ SLACK_APP_TOKEN: "xapp-1", SLACK_SIGNING_SECRET: "" }, { manifest: { ...MANIFEST, socketMode: true } });
    expect(line(r, "Slack: app-level token")).toMatchObject({ status: "fail", detail: "Slack refused SLACK_APP_TOKEN (invalid_auth)", fix: expect.stringContaining("connections:write") });
  });

  it("marks a person unreachable when Slack has no such user or the account is deactivated", async () => {
    fake.missingUsers.add("UCOMM1");
    fake.deactivatedUsers.add("UCOMM2");
    const r = await run();
    expect(r.reach.dana).toEqual({ reachable: true, detail: "Slack user UDIRECTOR (Person UDIRECTOR)" });
    expect(r.reach.cam1).toEqual({ reachable: false, detail: expect.stringMatching(/^Slack has no user UCOMM1 \(copy the member id/) });
    expect(r.reach.cam2).toEqual({ reachable: false, detail: "the account UCOMM2 is deactivated" });
  });

  it("leaves people unchecked, with a warning, when Slack will not say (missing scope)", async () => {
    fake.fail("users.info", { status: 200, error: "missing_scope" }, 3);
    const r = await run();
    expect(r.reach).toEqual({});
    expect(line(r, "Slack: people")).toMatchObject({ status: "warn", detail: "some people's Slack ids could not be checked: missing_scope" });
  });
});
