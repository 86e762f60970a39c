// The vocabulary of `npm run doctor`: one check result per line of the checklist, and what a platform's own checks
// hand back to the platform-free runner.
import type { Config } from "../config/index.js";
import type { Logger } from "../logger.js";
import type { ConversationRefStore } from "../app/ports.js";
import type { PlatformEntry } from "../platforms/registry.js";

/** ok: works; warn: works, but something is off; fail: blocks the workflow (the doctor exits non-zero). */
export type CheckStatus = "ok" | "warn" | "fail";

/** One line of the checklist: what was checked, how it went, what is wrong and how to fix it. */
export interface Check {
  label: string;
  status: CheckStatus;
  detail: string;
  fix?: string;
}

/** Builds a check result (keeps call sites short). */
export function check(label: string, status: CheckStatus, detail: string, fix?: string): Check {
  return fix ? { label, status, detail, fix } : { label, status, detail };
}

/** A person of the policy as one platform knows them: the platform's user id for that person. */
export interface PlatformPerson {
  personId: string;
  name: string;
  userId: string;
}

/** Whether a person can be reached on one platform, in words for the checklist and the roles list. */
export interface Reach {
  reachable: boolean;
  detail: string;
}

/** What a platform's doctor is given: the parsed configuration, the database (null when it is not usable), the people with an id there. */
export interface PlatformDoctorInput {
  config: Config;
  /** Where adapters keep conversation references; null when the database is not usable. */
  conversations: ConversationRefStore | null;
  people: PlatformPerson[];
  logger: Logger;
}

/** What a platform's doctor found. */
export interface PlatformReport {
  /** Shown in front of the platform's lines and in the roles list, e.g. Slack. */
  displayName: string;
  /** True when the platform is set up to reach real people (credentials present); only those count for reachability. */
  connected: boolean;
  checks: Check[];
  /** By person id, for the people passed in; a person missing here could not be checked. */
  reach: Record<string, Reach>;
  /** True when the commission card can be posted on this platform (a commission channel is set and usable). */
  commissionChannel?: boolean;
  /** True when exported packets reach people on this platform as download links (then PUBLIC_URL matters). */
  usesDownloadLinks?: boolean;
}

/** A platform's checks as the runner calls them; each adapter factory may offer one. */
export interface PlatformDoctor {
  /** The platform as the registry knows it; its id keys person ids (see person-ids.ts). */
  entry: PlatformEntry;
  doctor?(input: PlatformDoctorInput): Promise<PlatformReport>;
}

/** The doctor's exit code: 1 when anything blocks the workflow, else 0 (warnings do not fail the run). */
export function exitCodeFor(checks: readonly Check[]): number {
  return checks.some((c) => c.status === "fail") ? 1 : 0;
}
