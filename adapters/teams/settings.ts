// Teams' environment variables, read and checked by the Teams adapter itself (the core parses none of them).
import { z } from "zod";
import { envIssues, optionalText } from "../../src/config/index.js";
import type { PlatformEnv } from "../../src/platforms/registry.js";

/**
 * The Teams adapter's settings. Teams is "off" unless the city turns it on: "authenticated" with the app credentials
 * (real Teams), or "local" with the explicit TEAMS_ALLOW_UNAUTHENTICATED_LOCAL=true (the Agents Playground on this
 * machine, which sends no tokens).
 */
export interface TeamsSettings {
  mode: "off" | "local" | "authenticated";
  clientId?: string;
  clientSecret?: string;
  tenantId?: string;
  /** Test-only: where `npm run doctor` asks Entra for a token (tests point it at a local fake). */
  tokenUrl?: string;
}

const teamsEnv = z.object({
  TEAMS_CLIENT_ID: optionalText,
  TEAMS_CLIENT_SECRET: optionalText,
  TEAMS_TENANT_ID: optionalText,
  TEAMS_ALLOW_UNAUTHENTICATED_LOCAL: z
    .enum(["true", "false", ""], { error: "must be true or false" })
    .optional()
    .transform((v) => v === "true"),
  TEAMS_TOKEN_URL: optionalText.refine(
    (u) => u === undefined || /^https:\/\/[^/]+/.test(u) || /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?\//.test(u),
    "must be an https URL, or http on this machine (it is sent the client secret); for tests only",
  ),
});

/** Every problem with the Teams variables, each line naming its variable. */
export function teamsEnvProblems(source: PlatformEnv): string[] {
  const parsed = teamsEnv.safeParse(source);
  const problems = parsed.success ? [] : envIssues(parsed.error);
  const set = (k: string) => (source[k] ?? "").trim() !== "";
  if (set("TEAMS_CLIENT_ID") !== set("TEAMS_CLIENT_SECRET"))
    problems.push(set("TEAMS_CLIENT_ID") ? "TEAMS_CLIENT_SECRET: required with TEAMS_CLIENT_ID" : "TEAMS_CLIENT_ID: required with TEAMS_CLIENT_SECRET");
  if (set("TEAMS_TENANT_ID") && !set("TEAMS_CLIENT_ID")) problems.push("TEAMS_TENANT_ID: set, but TEAMS_CLIENT_ID and TEAMS_CLIENT_SECRET are missing");
  // Both at once would leave it unclear whether tokens are checked: the credentials never switch checking off.
  if (set("TEAMS_CLIENT_ID") && (source.TEAMS_ALLOW_UNAUTHENTICATED_LOCAL ?? "").trim() === "true")
    problems.push("TEAMS_ALLOW_UNAUTHENTICATED_LOCAL: only for trying the bot locally without credentials; remove it when TEAMS_CLIENT_ID is set");
  return problems;
}

/** The settings read from the environment. */
export function teamsSettings(source: PlatformEnv): TeamsSettings {
  const parsed = teamsEnv.safeParse(source);
  if (!parsed.success) return { mode: "off" };
  const env = parsed.data;
  return {
    mode: env.TEAMS_CLIENT_ID ? "authenticated" : env.TEAMS_ALLOW_UNAUTHENTICATED_LOCAL ? "local" : "off",
    ...(env.TEAMS_CLIENT_ID ? { clientId: env.TEAMS_CLIENT_ID } : {}),
    ...(env.TEAMS_CLIENT_SECRET ? { clientSecret: env.TEAMS_CLIENT_SECRET } : {}),
    ...(env.TEAMS_TENANT_ID ? { tenantId: env.TEAMS_TENANT_ID } : {}),
    ...(env.TEAMS_TOKEN_URL ? { tokenUrl: env.TEAMS_TOKEN_URL } : {}),
  };
}
