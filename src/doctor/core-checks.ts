// The checks that need no chat platform: configuration, database, roles, reachability of people (from what the
// platforms found) and PUBLIC_URL.
import { ConfigError, loadConfig, type Config } from "../config/index.js";
import { createDirectory } from "../domain/actors.js";
import type { Person, Policy } from "../domain/policy.js";
import { quorumFor } from "../domain/votes.js";
import type { Logger } from "../logger.js";
import { createDb, databaseProvider, sqliteFilePath, type Db } from "../store/db.js";
import { migrationState } from "../store/migrate.js";
import type { PlatformEntry } from "../platforms/registry.js";
import { check, type Check, type PlatformReport } from "./check.js";
import { platformIdsOf } from "./person-ids.js";

/** Parses the environment and the policy; every problem is one FAIL line, and without a config nothing else runs. */
export function configCheck(env: NodeJS.ProcessEnv, cwd: string, platforms: readonly PlatformEntry[] = []): { config: Config | null; checks: Check[] } {
  try {
    const config = loadConfig(env, cwd, platforms);
    return { config, checks: [check("Configuration", "ok", `environment and policy ${config.policyFile} parse`)] };
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    const fix = "see .env.example for the variables and config/pinole.policy.yaml for the policy's keys";
    return { config: null, checks: e.problems.map((p) => check("Configuration", "fail", p, fix)) };
  }
}

// Names the database without its password.
function describeDatabase(url: string): string {
  if (databaseProvider(url) === "sqlite") return `SQLite ${sqliteFilePath(url)}`;
  const u = new URL(url);
  return `PostgreSQL ${u.hostname}${u.port ? `:${u.port}` : ""}${u.pathname}`;
}

/** A usable database for the platform checks, or null; `close` releases it. */
export interface DatabaseCheck {
  checks: Check[];
  db: Db | null;
  close(): Promise<void>;
}

/** Database reachable and every migration of this build applied; reads only (a missing SQLite file is not created). */
export async function databaseCheck(url: string, logger: Logger): Promise<DatabaseCheck> {
  const label = "Database";
  const none = { db: null, close: async () => undefined };
  let where = url.split(":")[0] ?? "database";
  try {
    where = describeDatabase(url);
    const state = await migrationState({ url, logger });
    if (state.pending.length > 0)
      return {
        ...none,
        checks: [check(label, "fail", `${where}: ${state.pending.length} migration(s) not applied (${state.pending.join(", ")})`, "run `npm run db:deploy` (the bot also applies them when it starts)")],
      };
    const db = await createDb(url);
    await db.$queryRawUnsafe("SELECT 1");
    const checks = [check(label, "ok", `${where} is reachable and migrated`)];
    if (state.unknown.length > 0)
      checks.push(check(label, "warn", `${where} has migrations this build does not have (${state.unknown.join(", ")})`, "run the newest build of the bot against this database"));
    return { checks, db, close: () => db.$disconnect() };
  } catch (e) {
    const why = e instanceof Error ? e.message.split("\n")[0] : String(e);
    return { ...none, checks: [check(label, "fail", `${where} cannot be used: ${why}`, "check DATABASE_URL and that the database server is running and accepts this user")] };
  }
}

/** The roles the workflow cannot run without: a director, a commission that can reach quorum, a clerk. */
export function roleChecks(policy: Policy, policyFile: string): Check[] {
  const dir = createDirectory(policy);
  const names = (people: Person[]) => people.map((p) => p.name).join(", ");
  const add = (role: string) => `add a person with roles: [${role}] under people in ${policyFile}`;
  const holds = (role: "director" | "clerk"): Check => {
    const holders = dir.withRole(role);
    return holders.length > 0 ? check(`Role: ${role}`, "ok", `held by ${names(holders)}`) : check(`Role: ${role}`, "fail", `nobody holds the ${role} role`, add(role));
  };
  const roster = dir.commissioners();
  const quorum = quorumFor(roster.length, policy.commission.quorum);
  const label = "Role: commission";
  const commission =
    roster.length === 0
      ? check(label, "fail", "nobody holds the commissioner or chair role, so the commission cannot vote", add("commissioner"))
      : quorum > roster.length
        ? check(label, "fail", `the policy's quorum is ${quorum} but the commission has ${roster.length} member(s) (commissioners and chair); a vote could never pass`, `add commissioners, or lower commission.quorum in ${policyFile}`)
        : check(label, "ok", `${roster.length} member(s) (commissioners and chair), quorum ${quorum}`);
  const out = [holds("director"), commission, holds("clerk")];
  return out;
}

/** How one person stands on the connected platforms. */
interface PersonReach {
  person: Person;
  reachable: string[];
  unreachable: string[];
  unchecked: string[];
  unconnected: string[];
}

function reachOf(person: Person, reports: ReadonlyMap<string, PlatformReport>): PersonReach {
  const r: PersonReach = { person, reachable: [], unreachable: [], unchecked: [], unconnected: [] };
  for (const [platform, userId] of Object.entries(platformIdsOf(person))) {
    const report = reports.get(platform);
    const name = report?.displayName ?? platform;
    if (!report?.connected) r.unconnected.push(`${name} (${userId}): not connected`);
    else if (!report.reach[person.id]) r.unchecked.push(`${name}: could not be checked`);
    else if (report.reach[person.id]!.reachable) r.reachable.push(name);
    else r.unreachable.push(`${name}: ${report.reach[person.id]!.detail}`);
  }
  return r;
}

/** Every person with a role is reachable on at least one connected platform, and the commission can reach quorum. */
export function peopleChecks(policy: Policy, policyFile: string, reports: ReadonlyMap<string, PlatformReport>): Check[] {
  const out: Check[] = [];
  const connected = [...reports.values()].filter((r) => r.connected).map((r) => r.displayName);
  for (const person of policy.people) {
    const label = `Person: ${person.name} (${person.roles.join(", ")})`;
    const r = reachOf(person, reports);
    const problems = [...r.unreachable, ...r.unchecked];
    if (r.reachable.length > 0 && problems.length === 0) out.push(check(label, "ok", `reachable on ${r.reachable.join(", ")}`));
    else if (r.reachable.length > 0)
      out.push(check(label, "warn", `reachable on ${r.reachable.join(", ")}, but ${problems.join("; ")}`, `correct or remove that id under people in ${policyFile}`));
    else if (r.unreachable.length + r.unchecked.length === 0 && r.unconnected.length === 0 && person.email)
      out.push(
        check(label, "fail", `no connected platform knows ${person.email} yet`, `check the address in ${policyFile}, make sure they have an account on ${connected.join(" or ") || "a connected platform"} where the bot can find them, start the bot so it looks them up, or give their id under people`),
      );
    else if (r.unreachable.length + r.unchecked.length === 0)
      out.push(
        check(label, "fail", r.unconnected.length > 0 ? `no id on a connected platform (${r.unconnected.join("; ")})` : "has no platform id", `give them an id on ${connected.join(" or ") || "a connected platform"} under people in ${policyFile}`),
      );
    else if (r.unreachable.length === 0) out.push(check(label, "warn", problems.join("; "), "fix the platform problems above, then run the doctor again"));
    else out.push(check(label, "fail", `not reachable: ${problems.join("; ")}`, `correct their id under people in ${policyFile}, or fix what is named`));
  }
  const roster = createDirectory(policy).commissioners();
  const quorum = quorumFor(roster.length, policy.commission.quorum);
  const reachable = roster.filter((p) => reachOf(p, reports).reachable.length > 0).length;
  if (roster.length > 0 && quorum <= roster.length && reachable < quorum)
    out.push(check("Commission quorum", "fail", `only ${reachable} of ${roster.length} commission member(s) are reachable; a vote needs ${quorum}`, "make the commission members above reachable"));
  return out;
}

/** At least one platform is connected; otherwise nobody can be reached at all. */
export function connectedCheck(reports: ReadonlyMap<string, PlatformReport>): Check {
  const connected = [...reports.values()].filter((r) => r.connected).map((r) => r.displayName);
  return connected.length > 0
    ? check("Chat platforms", "ok", `connected: ${connected.join(", ")}`)
    : check("Chat platforms", "fail", "no chat platform is connected, so nobody can be reached", "connect one as its line above says");
}

/** The commission card can be posted on at least one connected platform. */
export function commissionChannelCheck(reports: ReadonlyMap<string, PlatformReport>): Check | null {
  const connected = [...reports.values()].filter((r) => r.connected);
  if (connected.length === 0) return null; // connectedCheck already fails
  const usable = connected.filter((r) => r.commissionChannel).map((r) => r.displayName);
  return usable.length > 0
    ? check("Commission channel", "ok", `the commission card is posted on ${usable.join(", ")}`)
    : check("Commission channel", "fail", "no connected platform has a usable commission channel, so the commission card cannot be posted", "fix the commission channel line above for a connected platform");
}

const LOOPBACK = /^http:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?(\/|$)/i;

/** PUBLIC_URL is https where download links for exports need it (plain http only for this machine). */
export function publicUrlCheck(config: Config, reports: ReadonlyMap<string, PlatformReport>): Check {
  const label = "PUBLIC_URL";
  const url = config.env.PUBLIC_URL;
  const users = [...reports.values()].filter((r) => r.connected && r.usesDownloadLinks).map((r) => r.displayName);
  if (url === undefined)
    return users.length > 0
      ? check(label, "warn", `not set: export download links (${users.join(", ")}) point at http://localhost:${config.env.PORT}, which works only on the bot's machine`, "set PUBLIC_URL to the bot's public https address")
      : check(label, "ok", "not set; no connected platform needs download links");
  if (url.startsWith("https://")) return check(label, "ok", `${url} (https)`);
  if (LOOPBACK.test(url)) return check(label, "ok", `${url} (plain http, this machine only)`);
  const why = `${url} is plain http: export download links carry a token that anyone on the way could read`;
  return check(label, users.length > 0 ? "fail" : "warn", why, "serve the bot over https and set PUBLIC_URL to that https address");
}
