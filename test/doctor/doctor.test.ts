// The platform-free part of `npm run doctor`: configuration, database, roles, reachability, PUBLIC_URL, the exit
// code and the checklist text; platforms are stand-ins that report what a real platform's checks would.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slackEntry } from "../../adapters/slack/entry.js";
import { renderMessage } from "../../adapters/slack/render.js";
import { teamsEntry } from "../../adapters/teams/entry.js";
import { renderCard } from "../../adapters/teams/render.js";
import type { Check, PlatformDoctor, PlatformPerson, PlatformReport } from "../../src/doctor/check.js";
import { formatChecklist } from "../../src/doctor/print.js";
import { rolesList } from "../../src/doctor/roles.js";
import { runDoctor, type DoctorResult } from "../../src/doctor/run.js";
import type { Policy } from "../../src/domain/policy.js";
import type { PlatformEntry } from "../../src/platforms/registry.js";
import { createSilentLogger } from "../../src/logger.js";
import { doctorView } from "../../src/views/doctor-view.js";
import { rolesView } from "../../src/views/roles-view.js";
import { adaptiveCardProblems } from "../support/adaptive-card-oracle.js";
import { checkBlocks } from "../support/block-kit-check.js";
import { providers, testDatabase, type TestDatabase } from "../support/databases.js";
import { testPolicy } from "../support/fixtures.js";

/** How many migrations the repository holds (each provider has the same folders). */
const MIGRATIONS = readdirSync("prisma/migrations/sqlite").filter((f) => /^\d+_/.test(f)).length;

const ENTRIES: Record<string, PlatformEntry> = { slack: slackEntry, teams: teamsEntry };

/** A stand-in platform: connected, reaching everyone passed in except `unreachable`, with a usable commission channel. */
function standIn(name: string, opts: Partial<PlatformReport> & { unreachable?: string[]; seen?: PlatformPerson[][] } = {}): PlatformDoctor {
  return {
    entry: ENTRIES[name]!,
    async doctor({ people }) {
      opts.seen?.push(people);
      const reach = Object.fromEntries(people.map((p) => [p.personId, opts.unreachable?.includes(p.personId) ? { reachable: false, detail: `no user ${p.userId}` } : { reachable: true, detail: p.userId }]));
      return { displayName: name === "slack" ? "Slack" : "Teams", connected: true, checks: [{ label: name, status: "ok", detail: "fine" }], reach, commissionChannel: true, ...opts };
    },
  };
}

describe("npm run doctor: core checks", () => {
  let db: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    db = await testDatabase("sqlite");
    dir = mkdtempSync(join(tmpdir(), "sc-doctor-"));
  });
  afterAll(async () => {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function run(opts: { policy?: Policy; env?: Record<string, string>; platforms?: PlatformDoctor[] } = {}): Promise<DoctorResult> {
    const policyFile = join(dir, `policy-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(policyFile, JSON.stringify(opts.policy ?? testPolicy()));
    return runDoctor({ env: { DATABASE_URL: db.url, POLICY_FILE: policyFile, PUBLIC_URL: "https://sistercities.example.org", ...opts.env }, cwd: dir, platforms: opts.platforms ?? [standIn("slack")], logger: createSilentLogger() });
  }
  const lines = (r: DoctorResult, label: string | RegExp): Check[] => r.checks.filter((c) => (typeof label === "string" ? c.label === label : label.test(c.label)));

  it("passes on a complete setup: every line OK, exit code 0, and each platform is given its people's ids", async () => {
    const seen: PlatformPerson[][] = [];
    const r = await run({ platforms: [standIn("slack", { seen })] });
    expect(r.checks.filter((c) => c.status !== "ok")).toEqual([]);
    expect(r.exitCode).toBe(0);
    expect(r.checks.map((c) => c.label).slice(0, 8)).toEqual(["Configuration", "Database", "slack", "Chat platforms", "Commission channel", "Role: director", "Role: commission", "Role: clerk"]);
    expect(lines(r, "Role: commission")[0]?.detail).toBe("7 member(s) (commissioners and chair), quorum 4");
    expect(seen[0]).toContainEqual({ personId: "manager", name: "Morgan Manager", userId: "UMANAGER" });
  });

  it("turns every configuration problem into a FAIL line and stops there", async () => {
    const r = await runDoctor({ env: { DATABASE_URL: "mysql://x", PORT: "http", POLICY_FILE: join(dir, "missing.yaml") }, cwd: dir, platforms: [standIn("slack")], logger: createSilentLogger() });
    expect(r.checks.map((c) => [c.label, c.status])).toEqual([
      ["Configuration", "fail"],
      ["Configuration", "fail"],
      ["Configuration", "fail"],
    ]);
    expect(r.checks.map((c) => c.detail)).toEqual([expect.stringMatching(/^PORT: /), expect.stringMatching(/^DATABASE_URL: /), expect.stringMatching(/missing\.yaml\): file not found$/)]);
    expect(r.exitCode).toBe(1);
    expect(r.roles).toBeNull();
  });

  it("fails on an unmigrated database without creating it, and on one it cannot reach", async () => {
    const file = join(dir, "fresh.db");
    let r = await run({ env: { DATABASE_URL: `file:${file}` } });
    expect(lines(r, "Database")).toEqual([
      { label: "Database", status: "fail", detail: expect.stringMatching(new RegExp(`: ${MIGRATIONS} migration\\(s\\) not applied \\(20261128113349_init, `)), fix: expect.stringContaining("npm run db:deploy") },
    ]);
    expect(existsSync(file)).toBe(false);
    r = await run({ env: { DATABASE_URL: "postgresql://postgres:hunter2@127.0.0.1:9/nowhere" } });
    const [line] = lines(r, "Database");
    expect(line).toMatchObject({ status: "fail", detail: expect.stringMatching(/^PostgreSQL 127\.0\.0\.1:9\/nowhere cannot be used: /) });
    expect(JSON.stringify(line)).not.toContain("hunter2");
    expect(r.exitCode).toBe(1);
  });

  it("warns when the database has a migration this build does not know", async () => {
    const other = await testDatabase("sqlite");
    try {
      await other.store.db.$executeRawUnsafe(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES ('x', 'c', '29990101000000_future', 0, 1, 1)`);
      const r = await run({ env: { DATABASE_URL: other.url } });
      expect(lines(r, "Database").map((c) => c.status)).toEqual(["ok", "warn"]);
      expect(lines(r, "Database")[1]?.detail).toContain("29990101000000_future");
      expect(r.exitCode).toBe(0);
    } finally {
      await other.drop();
    }
  });

  it("fails when a role the workflow needs is not held, or the commission can never reach its quorum", async () => {
    const people = testPolicy().people;
    let r = await run({ policy: testPolicy({ people: people.filter((p) => !p.roles.includes("director") && !p.roles.includes("clerk")) }) });
    expect(lines(r, /^Role: (director|clerk)$/)).toEqual([
      expect.objectContaining({ status: "fail", detail: "nobody holds the director role", fix: expect.stringMatching(/^add a person with roles: \[director\] under people in .*\.json$/) }),
      expect.objectContaining({ status: "fail", detail: "nobody holds the clerk role" }),
    ]);
    r = await run({ policy: testPolicy({ people: people.filter((p) => !p.roles.includes("commissioner") && !p.roles.includes("chair")) }) });
    expect(lines(r, "Role: commission")[0]).toMatchObject({ status: "fail", detail: "nobody holds the commissioner or chair role, so the commission cannot vote" });
    r = await run({ policy: testPolicy({ commission: { quorum: 9 } }) });
    expect(lines(r, "Role: commission")[0]).toMatchObject({ status: "fail", detail: expect.stringContaining("the policy's quorum is 9 but the commission has 7 member(s)") });
    expect(r.exitCode).toBe(1);
  });

  it("fails for a person no connected platform can reach, warns for one reachable on only some, and checks the reachable quorum", async () => {
    const r = await run({ platforms: [standIn("slack", { unreachable: ["cam1", "cam2", "cam3", "cam4", "manager"] }), standIn("teams")] });
    expect(lines(r, "Person: Morgan Manager (escalation)")[0]).toMatchObject({ status: "fail", detail: "not reachable: Slack: no user UMANAGER" });
    expect(lines(r, "Person: Alma Reyes (commissioner)")[0]).toMatchObject({ status: "warn", detail: "reachable on Teams, but Slack: no user UCOMM1" });
    expect(lines(r, "Person: Dana Director (director)")[0]).toMatchObject({ status: "ok", detail: "reachable on Slack, Teams" });
    expect(lines(r, "Commission quorum")).toEqual([]);

    const onlySlack = await run({ platforms: [standIn("slack", { unreachable: ["cam1", "cam2", "cam3", "cam4"] })] });
    expect(lines(onlySlack, "Commission quorum")[0]).toMatchObject({ status: "fail", detail: "only 3 of 7 commission member(s) are reachable; a vote needs 4" });
  });

  it("fails for a person whose only id is on a platform that is not connected", async () => {
    const teamsOff: PlatformDoctor = { entry: teamsEntry, doctor: async () => ({ displayName: "Teams", connected: false, checks: [], reach: {} }) };
    const policy = testPolicy();
    policy.people.push({ id: "tess", name: "Tess Teams", roles: ["escalation"], ids: { teams: "29:tess" } });
    const r = await run({ policy, platforms: [standIn("slack"), teamsOff] });
    expect(lines(r, "Person: Tess Teams (escalation)")[0]).toMatchObject({ status: "fail", detail: "no id on a connected platform (Teams (29:tess): not connected)", fix: expect.stringContaining("give them an id on Slack") });
  });

  it("fails when no platform is connected or none can post the commission card", async () => {
    const off: PlatformDoctor = { entry: slackEntry, doctor: async () => ({ displayName: "Slack", connected: false, checks: [], reach: {} }) };
    let r = await run({ platforms: [off] });
    expect(lines(r, "Chat platforms")[0]).toMatchObject({ status: "fail", detail: "no chat platform is connected, so nobody can be reached" });
    r = await run({ platforms: [standIn("slack", { commissionChannel: false })] });
    expect(lines(r, "Commission channel")[0]).toMatchObject({ status: "fail", detail: expect.stringContaining("the commission card cannot be posted") });
  });

  it("reports a platform whose checks crash as FAIL and still runs the others", async () => {
    const broken: PlatformDoctor = { entry: teamsEntry, doctor: async () => Promise.reject(new Error("boom")) };
    const r = await run({ platforms: [broken, standIn("slack")] });
    expect(lines(r, "Teams")[0]).toMatchObject({ status: "fail", detail: "the checks stopped with an error: boom" });
    expect(lines(r, "slack")[0]?.status).toBe("ok");
  });

  it("wants PUBLIC_URL on https where download links are used; plain http only on this machine", async () => {
    const links = [standIn("teams", { usesDownloadLinks: true })];
    const at = async (url: string, platforms = links) => lines(await run({ env: { PUBLIC_URL: url }, platforms }), "PUBLIC_URL")[0];
    expect(await at("https://bot.pinole.example")).toMatchObject({ status: "ok" });
    expect(await at("http://localhost:3978")).toMatchObject({ status: "ok", detail: "http://localhost:3978 (plain http, this machine only)" });
    // Plain http to another host is refused by the configuration itself, so the doctor reports it as such.
    const plain = await run({ env: { PUBLIC_URL: "http://bot.pinole.example" }, platforms: links });
    expect(lines(plain, "Configuration")).toEqual([expect.objectContaining({ status: "fail", detail: expect.stringContaining("PUBLIC_URL") })]);
    expect(plain.exitCode).toBe(1);
    expect(await at("")).toMatchObject({ status: "warn", detail: expect.stringContaining("point at http://localhost:3978") });
    expect(await at("", [standIn("slack")])).toMatchObject({ status: "ok" });
  });

  it("exits 0 when there are only warnings, and prints one line per check with the fix and a verdict", async () => {
    const checks: Check[] = [
      { label: "Database", status: "ok", detail: "reachable" },
      { label: "PUBLIC_URL", status: "warn", detail: "not set", fix: "set it" },
    ];
    expect(formatChecklist(checks)).toBe("OK    Database: reachable\nWARN  PUBLIC_URL: not set → fix: set it\n\nEverything the workflow needs works; 1 warning(s).\n");
    const failing = formatChecklist([...checks, { label: "Role: clerk", status: "fail", detail: "nobody holds\nthe clerk role", fix: "add one" }]);
    expect(failing.split("\n")).toContain("FAIL  Role: clerk: nobody holds the clerk role → fix: add one");
    expect(failing).toContain("1 problem(s) block the workflow, 1 warning(s).");
    const r = await run({ env: { PUBLIC_URL: "" }, platforms: [standIn("slack", { usesDownloadLinks: true })] });
    expect(r.checks.filter((c) => c.status !== "ok").map((c) => c.status)).toEqual(["warn"]);
    expect(r.exitCode).toBe(0);
  });

  it("lists who holds which role and whether each is reachable, as a card both platforms render", async () => {
    const r = await run({ platforms: [standIn("slack", { unreachable: ["cam1"] })] });
    const list = r.roles!;
    expect(list.roles.find((x) => x.role === "commissioner")?.holders[0]).toEqual({
      personId: "cam1",
      name: "Alma Reyes",
      reach: [
        { platform: "Slack", reachable: false, detail: "no user UCOMM1" },
        { platform: "teams", reachable: null, detail: "not checked" },
      ],
    });
    const view = rolesView(list, "policy.yaml");
    const checklist = view.blocks.filter((b) => b.type === "checklist").flatMap((b) => (b.type === "checklist" ? b.items : []));
    expect(checklist.find((i) => i.label === "Alma Reyes")).toMatchObject({ state: "unknown", detail: "Slack: no user UCOMM1; teams: not checked" });
    expect(checklist.find((i) => i.label === "Dana Director")).toMatchObject({ state: "met" });

    const empty = rolesView(rolesList(testPolicy({ people: [] })), "policy.yaml");
    expect(empty.blocks).toContainEqual({ type: "text", text: "Nobody. Add someone with this role to the policy file (policy.yaml).", tone: "attention" });

    for (const v of [view, empty, doctorView(r.checks)]) {
      expect(checkBlocks(renderMessage(v).blocks, "message")).toEqual([]);
      expect(adaptiveCardProblems(renderCard(v))).toEqual([]);
    }
  });
});

describe.each(providers())("npm run doctor: database on %s", (provider) => {
  it("is OK on a migrated database, and says which one without its password", async () => {
    const db = await testDatabase(provider);
    const dir = mkdtempSync(join(tmpdir(), "sc-doctor-db-"));
    try {
      const policyFile = join(dir, "policy.json");
      writeFileSync(policyFile, JSON.stringify(testPolicy()));
      const r = await runDoctor({ env: { DATABASE_URL: db.url, POLICY_FILE: policyFile }, cwd: dir, platforms: [], logger: createSilentLogger() });
      expect(r.checks.filter((c) => c.label === "Database")).toEqual([{ label: "Database", status: "ok", detail: expect.stringMatching(provider === "sqlite" ? /^SQLite .*test\.db is reachable and migrated$/ : /^PostgreSQL [^@]+ is reachable and migrated$/) }]);
    } finally {
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
