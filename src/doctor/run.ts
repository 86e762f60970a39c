// Runs every check of the live setup in order and decides the exit code. Platform checks come in through the
// adapter factories, so this file knows no platform.
import { createConversationRefStore } from "../store/conversation-refs.js";
import type { Config } from "../config/index.js";
import type { Logger } from "../logger.js";
import { check, exitCodeFor, type Check, type PlatformDoctor, type PlatformPerson, type PlatformReport } from "./check.js";
import { commissionChannelCheck, configCheck, connectedCheck, databaseCheck, peopleChecks, publicUrlCheck, roleChecks } from "./core-checks.js";
import { platformIdsOf, withFoundIds } from "./person-ids.js";
import { rolesList, type RolesList } from "./roles.js";

/** What the doctor found; `roles` is there once the configuration parsed. */
export interface DoctorResult {
  checks: Check[];
  exitCode: number;
  config: Config | null;
  roles: RolesList | null;
}

/** Options for runDoctor. */
export interface DoctorOptions {
  env: NodeJS.ProcessEnv;
  cwd: string;
  platforms: readonly PlatformDoctor[];
  logger: Logger;
}

function peopleOn(config: Config, platform: string): PlatformPerson[] {
  return config.policy.people.flatMap((p) => {
    const userId = platformIdsOf(p)[platform];
    return userId ? [{ personId: p.id, name: p.name, userId }] : [];
  });
}

/** Runs the checks: configuration (stops there when it does not parse), database, each platform, roles, people, PUBLIC_URL. */
export async function runDoctor(opts: DoctorOptions): Promise<DoctorResult> {
  const { config, checks } = configCheck(opts.env, opts.cwd, opts.platforms.map((p) => p.entry));
  if (!config) return { checks, exitCode: exitCodeFor(checks), config: null, roles: null };
  const rest = await runSetupChecks({ config, platforms: opts.platforms, logger: opts.logger });
  const all = [...checks, ...rest.checks];
  return { ...rest, checks: all, exitCode: exitCodeFor(all) };
}

/** The checks after the configuration parsed (the running bot's `doctor` command starts here, with its own configuration). */
export async function runSetupChecks(opts: { config: Config; platforms: readonly PlatformDoctor[]; logger: Logger }): Promise<DoctorResult> {
  const checks: Check[] = [];
  const database = await databaseCheck(opts.config.env.DATABASE_URL, opts.logger);
  checks.push(...database.checks);
  // People given by e-mail are checked with the ids the bot found for them (kept in the database).
  const config = database.db ? { ...opts.config, policy: await withFoundIds(database.db, opts.config.policy) } : opts.config;
  const reports = new Map<string, PlatformReport>();
  try {
    for (const platform of opts.platforms) {
      if (!platform.doctor) continue;
      try {
        const report = await platform.doctor({ config, conversations: database.db ? createConversationRefStore(database.db) : null, people: peopleOn(config, platform.entry.id), logger: opts.logger });
        reports.set(platform.entry.id, report);
        checks.push(...report.checks);
      } catch (e) {
        // A crash in one platform's checks must not hide the others' findings.
        checks.push(check(platform.entry.displayName, "fail", `the checks stopped with an error: ${e instanceof Error ? e.message : String(e)}`));
      }
    }
  } finally {
    await database.close();
  }
  checks.push(connectedCheck(reports));
  const channel = commissionChannelCheck(reports);
  if (channel) checks.push(channel);
  checks.push(...roleChecks(config.policy, config.policyFile));
  checks.push(...peopleChecks(config.policy, config.policyFile, reports));
  checks.push(publicUrlCheck(config, reports));
  return { checks, exitCode: exitCodeFor(checks), config, roles: rolesList(config.policy, reports) };
}
