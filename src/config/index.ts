import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { policySchema, type Policy } from "../domain/policy.js";
import { DEFAULT_DATABASE_URL } from "../store/db.js";
import { checkPolicyPlatforms, createPlatformRegistry, type PlatformEntry, type PlatformEnv } from "../platforms/registry.js";

/** A configuration problem that stops start-up; each line names the variable or key and what is wrong. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration error:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** An optional variable: unset and blank are the same, surrounding spaces are dropped. */
export const optionalText = z
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
  /** The environment as given; each platform adapter reads and checks its own variables (see its entry's `env`). */
  platformEnv: PlatformEnv;
}

/** Zod issues of an environment schema as "VARIABLE: what is wrong" lines. */
export function envIssues(error: z.ZodError): string[] {
  return issuesToLines("", error);
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
export function loadConfig(source: NodeJS.ProcessEnv = process.env, cwd = process.cwd(), platforms: readonly PlatformEntry[] = []): Config {
  const parsed = envSchema.safeParse(source);
  const problems: string[] = parsed.success ? [] : issuesToLines("", parsed.error);
  // The platforms check their own variables, so one run reports every problem, not the first kind only.
  for (const p of platforms) problems.push(...p.envProblems(source));
  const set = (k: string) => (source[k] ?? "").trim() !== "";
  if (set("MIGRATION_DATABASE_URL") && !/^postgres(ql)?:\/\//.test(source.DATABASE_URL ?? ""))
    problems.push("MIGRATION_DATABASE_URL: set, but DATABASE_URL is not PostgreSQL (two roles exist only on PostgreSQL)");

  let policy: Policy | undefined;
  const policyFile = resolve(cwd, parsed.success ? parsed.data.POLICY_FILE : (source.POLICY_FILE ?? "config/pinole.policy.yaml"));
  try {
    policy = loadPolicy(policyFile);
    // People's ids in the formats of the platforms the entry point registered (startBot checks again).
    if (platforms.length > 0) problems.push(...checkPolicyPlatforms(createPlatformRegistry(platforms), policy).errors.map((e) => `POLICY_FILE (${policyFile}) ${e}`));
  } catch (e) {
    if (e instanceof ConfigError) problems.push(...e.problems);
    else throw e;
  }
  if (problems.length > 0 || !policy || !parsed.success) throw new ConfigError(problems);
  const env = parsed.data;

  return { env, policy, policyFile, platformEnv: { ...source } };
}
