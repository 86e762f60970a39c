import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config/index.js";

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env, process.cwd());
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
    expect(c.slack).toBeNull();
    expect(c.teams.mode).toBe("off");
  });

  it("turns Teams on only with the credentials or the explicit local opt-in, never both", () => {
    expect(loadConfig({ TEAMS_CLIENT_ID: "id", TEAMS_CLIENT_SECRET: "s" }).teams.mode).toBe("authenticated");
    expect(loadConfig({ TEAMS_ALLOW_UNAUTHENTICATED_LOCAL: "true" }).teams.mode).toBe("local");
    expect(loadConfig({ TEAMS_ALLOW_UNAUTHENTICATED_LOCAL: "false" }).teams.mode).toBe("off");
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
    expect(loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s" }).slack?.mode).toBe("http");
    expect(loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" }).slack?.mode).toBe("socket");
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

  it("reads a JSON policy too", () => {
    const f = policyFile(JSON.stringify({ city: { name: "X", country: "Y", population: 10, timeZone: "UTC" } }), "json");
    expect(loadConfig({ POLICY_FILE: f }).policy.commission.quorum).toBe("majority");
  });

  it("reports every problem at once", () => {
    expect(problems({ PORT: "eighty", LOG_LEVEL: "loud" }).length).toBe(2);
  });
});
