import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { policySchema, type Policy } from "../domain/policy.js";
import { DEFAULT_DATABASE_URL } from "../store/db.js";

/** A configuration problem that stops start-up; each line names the variable or key and what is wrong. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration error:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

const optionalText = z
  .string()
  .optional()
  .transform((s) => (s === undefined || s.trim() === "" ? undefined : s.trim()));

const envSchema = z.object({
  PORT: z.coerce.number({ error: "must be a port number" }).int().min(0).max(65535).default(3978),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .default(DEFAULT_DATABASE_URL)
    .refine((u) => /^file:.+/.test(u) || /^postgres(ql)?:\/\/.+/.test(u), "must be file:<path> (SQLite) or postgresql://user@host:port/db")
    .refine((u) => {
      if (!u.startsWith("postgres")) return true;
      try {
        return new URL(u).hostname.length > 0;
      } catch {
        return false;
      }
    }, "is not a valid PostgreSQL URL (postgresql://user:password@host:5432/database)"),
  /** PostgreSQL only: the owner role's URL; migrations run with it, and the DATABASE_URL role gets only its grants. */
  MIGRATION_DATABASE_URL: optionalText.refine((u) => u === undefined || /^postgres(ql)?:\/\/.+/.test(u), "must be a postgresql:// URL of the role that owns the tables (only for PostgreSQL)"),
  POLICY_FILE: z.string().default("config/pinole.policy.yaml"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], { error: "must be one of fatal, error, warn, info, debug, trace, silent" }).default("info"),
  SWEEP_CRON: z.string().default("* * * * *"),
  PUBLIC_URL: optionalText
    .refine((u) => u === undefined || /^https?:\/\/[^/]+/.test(u), "must be the bot's public base URL, e.g. https://sistercities.example.org")
    .refine(
      (u) => u === undefined || !/^https?:\/\/[^/]+/.test(u) || u.startsWith("https://") || isLoopbackUrl(u),
      "must start with https:// (download links carry a signed token; plain http is only allowed for localhost, 127.0.0.1 or [::1])",
    ),
  /** Signs export download links; every replica needs the same value. Unset: one is generated and kept in the database. */
  EXPORT_LINK_SECRET: optionalText.refine((s) => s === undefined || s.length >= 32, "must be at least 32 characters (e.g. openssl rand -base64 48), or unset to keep a generated one in the database"),
  SLACK_BOT_TOKEN: optionalText.refine((t) => t === undefined || t.startsWith("xoxb-"), "must be a bot token starting with xoxb-"),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.refine((t) => t === undefined || t.startsWith("xapp-"), "must be an app-level token starting with xapp-"),
  SLACK_API_URL: optionalText.refine((u) => u === undefined || /^https?:\/\/.+\/$/.test(u), "must be a base URL ending in / (e.g. https://slack.com/api/)"),
  SLACK_COMMAND: z.string().regex(/^\/[a-z0-9_-]{1,31}$/, "must look like /sistercity").default("/sistercity"),
  TEAMS_CLIENT_ID: optionalText,
  TEAMS_CLIENT_SECRET: optionalText,
  TEAMS_TENANT_ID: optionalText,
  TEAMS_ALLOW_UNAUTHENTICATED_LOCAL: z
    .enum(["true", "false", ""], { error: "must be true or false" })
    .optional()
    .transform((v) => v === "true"),
  // Test-only: where `npm run doctor` asks Entra for a Teams token (tests point it at a local fake).
  TEAMS_TOKEN_URL: optionalText.refine(
    (u) => u === undefined || /^https:\/\/[^/]+/.test(u) || /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?\//.test(u),
    "must be an https URL, or http on this machine (it is sent the client secret); for tests only",
  ),
});

export type Env = z.infer<typeof envSchema>;

/** True for http(s) URLs whose host is this machine (localhost, 127.0.0.0/8, ::1). */
export function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === "localhost" || host === "[::1]" || /^127(\.\d{1,3}){3}$/.test(host);
  } catch {
    return false;
  }
}

/** Everything the bot runs with, parsed and checked once at start-up. */
export interface Config {
  env: Env;
  policy: Policy;
  policyFile: string;
  slack: { mode: "http" | "socket"; botToken: string; signingSecret?: string; appToken?: string; apiUrl?: string; command: string } | null;
  /**
   * Teams is "off" unless the city turns it on: "authenticated" with the app credentials (real Teams), or "local"
   * with the explicit TEAMS_ALLOW_UNAUTHENTICATED_LOCAL=true (the Agents Playground on this machine, no tokens).
   */
  teams: { mode: "off" | "local" | "authenticated"; clientId?: string; clientSecret?: string; tenantId?: string };
}

function issuesToLines(prefix: string, error: z.ZodError): string[] {
  return error.issues.map((i) => {
    const path = i.path.map(String).join(".");
    const where = path ? `${prefix}${path}` : prefix.replace(/[.:]\s*$/, "");
    if (i.code === "unrecognized_keys") return `${where}${path ? "." : ": "}${i.keys.join(", ")}: unknown key (check the spelling)`;
    return `${where}: ${i.message}`;
  });
}

/** Reads and validates the policy file (YAML or JSON). */
export function loadPolicy(file: string): Policy {
  let raw: unknown;
  try {
    const text = readFileSync(file, "utf8");
    raw = file.endsWith(".json") ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === "ENOENT" ? "file not found" : (e as Error).message.split("\n")[0];
    throw new ConfigError([`POLICY_FILE (${file}): ${why}`]);
  }
  const parsed = policySchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(issuesToLines(`POLICY_FILE (${file}) `, parsed.error));
  return parsed.data;
}

/** Parses the environment and the policy; throws ConfigError listing every problem. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const parsed = envSchema.safeParse(source);
  const problems: string[] = parsed.success ? [] : issuesToLines("", parsed.error);
  // Pairing is checked on the raw values too, so one run reports every problem, not the first kind only.
  const set = (k: string) => (source[k] ?? "").trim() !== "";
  if (set("SLACK_BOT_TOKEN") && !set("SLACK_SIGNING_SECRET") && !set("SLACK_APP_TOKEN"))
    problems.push("SLACK_SIGNING_SECRET: required with SLACK_BOT_TOKEN for HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)");
  if (!set("SLACK_BOT_TOKEN"))
    for (const v of ["SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN"])
      if (set(v)) problems.push(`${v}: set, but SLACK_BOT_TOKEN is missing (the bot token is needed to post and open forms)`);
  if (set("TEAMS_CLIENT_ID") !== set("TEAMS_CLIENT_SECRET"))
    problems.push(set("TEAMS_CLIENT_ID") ? "TEAMS_CLIENT_SECRET: required with TEAMS_CLIENT_ID" : "TEAMS_CLIENT_ID: required with TEAMS_CLIENT_SECRET");
  if (set("MIGRATION_DATABASE_URL") && !/^postgres(ql)?:\/\//.test(source.DATABASE_URL ?? ""))
    problems.push("MIGRATION_DATABASE_URL: set, but DATABASE_URL is not PostgreSQL (two roles exist only on PostgreSQL)");
  if (set("TEAMS_TENANT_ID") && !set("TEAMS_CLIENT_ID")) problems.push("TEAMS_TENANT_ID: set, but TEAMS_CLIENT_ID and TEAMS_CLIENT_SECRET are missing");
  // Both at once would leave it unclear whether tokens are checked: the credentials never switch checking off.
  if (set("TEAMS_CLIENT_ID") && (source.TEAMS_ALLOW_UNAUTHENTICATED_LOCAL ?? "").trim() === "true")
    problems.push("TEAMS_ALLOW_UNAUTHENTICATED_LOCAL: only for trying the bot locally without credentials; remove it when TEAMS_CLIENT_ID is set");

  let policy: Policy | undefined;
  const policyFile = resolve(cwd, parsed.success ? parsed.data.POLICY_FILE : (source.POLICY_FILE ?? "config/pinole.policy.yaml"));
  try {
    policy = loadPolicy(policyFile);
  } catch (e) {
    if (e instanceof ConfigError) problems.push(...e.problems);
    else throw e;
  }
  if (problems.length > 0 || !policy || !parsed.success) throw new ConfigError(problems);
  const env = parsed.data;

  const slack: Config["slack"] = env.SLACK_BOT_TOKEN
    ? {
        mode: env.SLACK_APP_TOKEN ? "socket" : "http",
        botToken: env.SLACK_BOT_TOKEN,
        command: env.SLACK_COMMAND,
        ...(env.SLACK_SIGNING_SECRET ? { signingSecret: env.SLACK_SIGNING_SECRET } : {}),
        ...(env.SLACK_APP_TOKEN ? { appToken: env.SLACK_APP_TOKEN } : {}),
        ...(env.SLACK_API_URL ? { apiUrl: env.SLACK_API_URL } : {}),
      }
    : null;

  return {
    env,
    policy,
    policyFile,
    slack,
    teams: {
      mode: env.TEAMS_CLIENT_ID ? "authenticated" : env.TEAMS_ALLOW_UNAUTHENTICATED_LOCAL ? "local" : "off",
      ...(env.TEAMS_CLIENT_ID ? { clientId: env.TEAMS_CLIENT_ID } : {}),
      ...(env.TEAMS_CLIENT_SECRET ? { clientSecret: env.TEAMS_CLIENT_SECRET } : {}),
      ...(env.TEAMS_TENANT_ID ? { tenantId: env.TEAMS_TENANT_ID } : {}),
    },
  };
}
