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
  POLICY_FILE: z.string().default("config/pinole.policy.yaml"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], { error: "must be one of fatal, error, warn, info, debug, trace, silent" }).default("info"),
  SWEEP_CRON: z.string().default("* * * * *"),
  PUBLIC_URL: optionalText.refine((u) => u === undefined || /^https?:\/\/[^/]+/.test(u), "must be the bot's public base URL, e.g. https://sistercities.example.org"),
  SLACK_BOT_TOKEN: optionalText.refine((t) => t === undefined || t.startsWith("xoxb-"), "must be a bot token starting with xoxb-"),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.refine((t) => t === undefined || t.startsWith("xapp-"), "must be an app-level token starting with xapp-"),
  SLACK_API_URL: optionalText.refine((u) => u === undefined || /^https?:\/\/.+\/$/.test(u), "must be a base URL ending in / (e.g. https://slack.com/api/)"),
  SLACK_COMMAND: z.string().regex(/^\/[a-z0-9_-]{1,31}$/, "must look like /sistercity").default("/sistercity"),
  TEAMS_CLIENT_ID: optionalText,
  TEAMS_CLIENT_SECRET: optionalText,
  TEAMS_TENANT_ID: optionalText,
});

export type Env = z.infer<typeof envSchema>;

/** The Slack adapter's settings, when its variables are set. */
export interface SlackSettings {
  mode: "http" | "socket";
  botToken: string;
  signingSecret?: string;
  appToken?: string;
  apiUrl?: string;
  command: string;
}

/** Everything the bot runs with, parsed and checked once at start-up. */
export interface Config {
  env: Env;
  policy: Policy;
  policyFile: string;
  slack: SlackSettings | null;
  teams: { clientId?: string; clientSecret?: string; tenantId?: string; authenticated: boolean };
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
  if (set("TEAMS_TENANT_ID") && !set("TEAMS_CLIENT_ID")) problems.push("TEAMS_TENANT_ID: set, but TEAMS_CLIENT_ID and TEAMS_CLIENT_SECRET are missing");

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

  const slack: SlackSettings | null = env.SLACK_BOT_TOKEN
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
      authenticated: Boolean(env.TEAMS_CLIENT_ID),
      ...(env.TEAMS_CLIENT_ID ? { clientId: env.TEAMS_CLIENT_ID } : {}),
      ...(env.TEAMS_CLIENT_SECRET ? { clientSecret: env.TEAMS_CLIENT_SECRET } : {}),
      ...(env.TEAMS_TENANT_ID ? { tenantId: env.TEAMS_TENANT_ID } : {}),
    },
  };
}
