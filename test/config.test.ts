import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config/index.js";
import { slackEntry } from "../adapters/slack/entry.js";
import { slackSettings } from "../adapters/slack/settings.js";
import { teamsEntry } from "../adapters/teams/entry.js";
import { teamsSettings } from "../adapters/teams/settings.js";

// The entry point checks the platforms' variables with the rest (each adapter reads its own).
const PLATFORMS = [slackEntry, teamsEntry];

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env, process.cwd(), PLATFORMS);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

function policyFile(text: string, ext = "yaml"): string {
  const f = join(mkdtempSync(join(tmpdir(), "sc-policy-")), `policy.${ext}`);
  writeFileSync(f, text);
  return f;
}

describe("configuration", () => {
  it("runs with nothing set: SQLite under ./data, Pinole's policy, no platforms", () => {
    const c = loadConfig({}, process.cwd());
    expect(c.env.DATABASE_URL).toBe("file:./data/sistercities.db");
    expect(c.env.PORT).toBe(3978);
    expect(c.policy.city.name).toBe("Pinole");
    expect(slackSettings(c.platformEnv)).toBeNull();
    expect(teamsSettings(c.platformEnv).mode).toBe("off");
  });

  it("turns Teams on only with the credentials or the explicit local opt-in, never both", () => {
    const mode = (env: Record<string, string>) => teamsSettings(loadConfig(env, process.cwd(), PLATFORMS).platformEnv).mode;
    expect(mode({ TEAMS_CLIENT_ID: "id", TEAMS_CLIENT_SECRET: "s" })).toBe("authenticated");
    expect(mode({ TEAMS_ALLOW_UNAUTHENTICATED_LOCAL: "true" })).toBe("local");
    expect(mode({ TEAMS_ALLOW_UNAUTHENTICATED_LOCAL: "false" })).toBe("off");
    expect(problems({ TEAMS_ALLOW_UNAUTHENTICATED_LOCAL: "yes" })).toEqual(["TEAMS_ALLOW_UNAUTHENTICATED_LOCAL: must be true or false"]);
    expect(problems({ TEAMS_CLIENT_ID: "id", TEAMS_CLIENT_SECRET: "s", TEAMS_ALLOW_UNAUTHENTICATED_LOCAL: "true" })).toEqual([expect.stringMatching(/^TEAMS_ALLOW_UNAUTHENTICATED_LOCAL: only for trying/)]);
  });

  it("names the variable when DATABASE_URL is malformed", () => {
    expect(problems({ DATABASE_URL: "mysql://root@localhost/db" })).toEqual([expect.stringMatching(/^DATABASE_URL: must be file:/)]);
    expect(problems({ DATABASE_URL: "postgresql://" })[0]).toMatch(/^DATABASE_URL/);
  });

  it("names a missing paired secret", () => {
    expect(problems({ SLACK_BOT_TOKEN: "xoxb-1" })).toEqual([expect.stringMatching(/^SLACK_SIGNING_SECRET: required with SLACK_BOT_TOKEN/)]);
    expect(problems({ SLACK_SIGNING_SECRET: "s" })).toEqual([expect.stringMatching(/^SLACK_SIGNING_SECRET: set, but SLACK_BOT_TOKEN is missing/)]);
    expect(problems({ TEAMS_CLIENT_ID: "id" })).toEqual(["TEAMS_CLIENT_SECRET: required with TEAMS_CLIENT_ID"]);
    expect(problems({ SLACK_BOT_TOKEN: "bad" })[0]).toMatch(/^SLACK_BOT_TOKEN: must be a bot token/);
  });

  it("MIGRATION_DATABASE_URL (the owner role) only goes with a PostgreSQL DATABASE_URL", () => {
    expect(problems({ MIGRATION_DATABASE_URL: "postgresql://owner@db/sc" })).toEqual([expect.stringMatching(/^MIGRATION_DATABASE_URL: set, but DATABASE_URL is not PostgreSQL/)]);
    expect(problems({ DATABASE_URL: "postgresql://app@db/sc", MIGRATION_DATABASE_URL: "file:./x.db" })[0]).toMatch(/^MIGRATION_DATABASE_URL: must be a postgresql:\/\/ URL/);
    expect(problems({ DATABASE_URL: "postgresql://app@db/sc", MIGRATION_DATABASE_URL: "postgresql://owner@db/sc" })).toEqual([]);
  });

  it("accepts Slack HTTP mode and Socket Mode", () => {
    expect(slackSettings(loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s" }, process.cwd(), PLATFORMS).platformEnv)?.mode).toBe("http");
    expect(slackSettings(loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" }, process.cwd(), PLATFORMS).platformEnv)?.mode).toBe("socket");
  });

  it("names an unknown policy key with its path", () => {
    const f = policyFile("city: { name: X, country: Y, population: 10, timeZone: UTC, populaton: 5 }\n");
    expect(problems({ POLICY_FILE: f })).toEqual([expect.stringMatching(/^POLICY_FILE \(.*\) city\.populaton: unknown key/)]);
  });

  it("explains a bad time zone, a missing file and broken YAML", () => {
    expect(problems({ POLICY_FILE: policyFile("city: { name: X, country: Y, population: 10, timeZone: Mars/Olympus }\n") })[0]).toMatch(/city.timeZone: an IANA time zone/);
    expect(problems({ POLICY_FILE: "/nonexistent/policy.yaml" })[0]).toMatch(/file not found/);
    expect(problems({ POLICY_FILE: policyFile("city: [unclosed\n") })[0]).toMatch(/^POLICY_FILE/);
  });

  it("takes the sweep's cron dialect in reminder schedules: names such as MON and JAN", () => {
    const city = "city: { name: X, country: Y, population: 10, timeZone: UTC }\n";
    const c = loadConfig({ SWEEP_CRON: "0 9 * * MON", POLICY_FILE: policyFile(`${city}reminders: { council: "0 9 * * MON", agreement: "0 9 1 JAN,JUL *" }\n`) });
    expect(c.policy.reminders.council).toBe("0 9 * * MON");
    expect(problems({ POLICY_FILE: policyFile(`${city}reminders: { council: "0 9 * * FUNDAY" }\n`) })[0]).toMatch(/reminders\.council/);
  });

  it("checks people's ids against the registered platforms' formats, with everything else", () => {
    const f = policyFile("city: { name: X, country: Y, population: 10, timeZone: UTC }\npeople: [{ id: dana, name: Dana, roles: [director], slack: dana }]\n");
    expect(problems({ POLICY_FILE: f, PORT: "eighty" })).toEqual([expect.stringMatching(/^PORT/), expect.stringMatching(/people\.0\.slack: "dana" is not a Slack user id/)]);
  });

  it("reads a JSON policy too", () => {
    const f = policyFile(JSON.stringify({ city: { name: "X", country: "Y", population: 10, timeZone: "UTC" } }), "json");
    expect(loadConfig({ POLICY_FILE: f }).policy.commission.quorum).toBe("majority");
  });

  it("reports every problem at once", () => {
    expect(problems({ PORT: "eighty", LOG_LEVEL: "loud" }).length).toBe(2);
  });
});
