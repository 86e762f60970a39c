// `npm run doctor` end to end: the real platform factories against the fake Slack Web API, the checklist it
// prints and its exit code — in-process, and once as the real command in a child process.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSlackManifest } from "../../adapters/slack/doctor.js";
import { lazySlack, lazyTeams } from "../../adapters/lazy.js";
import { doctorCli } from "../../src/doctor/cli.js";
import { testDatabase, type TestDatabase } from "../support/databases.js";
import { testPolicy } from "../support/fixtures.js";
import { FakeSlack } from "../slack/fake-slack.js";

describe("npm run doctor", () => {
  let fake: FakeSlack;
  let db: TestDatabase;
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    fake = new FakeSlack();
    await fake.start();
    fake.scopes = readSlackManifest().scopes;
    db = await testDatabase("sqlite");
    dir = mkdtempSync(join(tmpdir(), "sc-doctor-cli-"));
    const policyFile = join(dir, "policy.json");
    writeFileSync(policyFile, JSON.stringify(testPolicy()));
    env = { DATABASE_URL: db.url, POLICY_FILE: policyFile, SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: "secret", SLACK_API_URL: fake.url };
  });
  afterAll(async () => {
    await fake.stop();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function cli(extra: Record<string, string> = {}): Promise<{ code: number; out: string }> {
    let out = "";
    const code = await doctorCli({ env: { ...env, ...extra }, cwd: dir, platforms: [lazySlack, lazyTeams], write: (t) => (out += t) });
    return { code, out };
  }

  it("prints an all-OK checklist and exits 0 on a working Slack setup", async () => {
    const { code, out } = await cli();
    const lines = out.split("\n");
    expect(lines[0]).toBe("Sister Cities bot: setup check (Pinole)");
    expect(lines.filter((l) => /^(WARN|FAIL)/.test(l))).toEqual([]);
    expect(lines).toContain("OK    Slack: bot token: works for workspace TCITY as @sistercities");
    expect(lines).toContain("OK    Person: Alma Reyes (commissioner): reachable on Slack");
    expect(lines.some((l) => l.startsWith("OK    Teams: not connected, skipped"))).toBe(true);
    expect(out.trimEnd().endsWith("Everything works.")).toBe(true);
    expect(code).toBe(0);
  });

  it("prints what is wrong and how to fix it, and exits 1, when the bot is not in the commission channel", async () => {
    fake.notMemberOf.add("CCOMMISSION");
    try {
      const { code, out } = await cli();
      expect(out).toContain("FAIL  Slack: commission channel: the bot is not a member of #commission (CCOMMISSION), so it cannot post the commission card there → fix: in Slack, type /invite @Sister Cities in #commission\n");
      expect(out).toContain("FAIL  Commission channel: no connected platform has a usable commission channel");
      expect(out).toContain("2 problem(s) block the workflow.");
      expect(code).toBe(1);
    } finally {
      fake.notMemberOf.clear();
    }
  });

  // The real entry point, as `npm run doctor` starts it (tsx); the fakes answer from this process.
  function command(extra: Record<string, string>): Promise<{ code: number | null; out: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(join(process.cwd(), "node_modules/.bin/tsx"), [join(process.cwd(), "adapters/doctor.ts")], {
        cwd: dir,
        env: { PATH: process.env.PATH ?? "", ...env, ...extra },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      child.stdout.on("data", (c: Buffer) => (out += c.toString()));
      child.stderr.on("data", (c: Buffer) => (out += c.toString()));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, out }));
    });
  }

  it("as a command: exits 0 when everything works and 1 with the configuration problems when not", async () => {
    const ok = await command({});
    expect(ok.out).toContain("Everything works.");
    expect(ok.code).toBe(0);
    const bad = await command({ SLACK_COMMAND: "sistercity", LOG_LEVEL: "loud" });
    expect(bad.out).toContain("FAIL  Configuration: LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent");
    expect(bad.out).toContain("FAIL  Configuration: SLACK_COMMAND: must look like /sistercity");
    expect(bad.code).toBe(1);
  });
});
