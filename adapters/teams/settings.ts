// Teams' environment variables, read and checked by the Teams adapter itself (the core parses none of them).
import { z } from "zod";
import { envIssues, optionalText } from "../../src/config/index.js";
import type { PlatformEnv } from "../../src/platforms/registry.js";

/** The Teams adapter's settings; it is always on, and authenticated exactly when the app credentials are set. */
export interface TeamsSettings {
  clientId?: string;
  clientSecret?: string;
  tenantId?: string;
  authenticated: boolean;
}

const teamsEnv = z.object({ TEAMS_CLIENT_ID: optionalText, TEAMS_CLIENT_SECRET: optionalText, TEAMS_TENANT_ID: optionalText });

/** Every problem with the Teams variables, each line naming its variable. */
export function teamsEnvProblems(source: PlatformEnv): string[] {
  const parsed = teamsEnv.safeParse(source);
  const problems = parsed.success ? [] : envIssues(parsed.error);
  const set = (k: string) => (source[k] ?? "").trim() !== "";
  if (set("TEAMS_CLIENT_ID") !== set("TEAMS_CLIENT_SECRET"))
    problems.push(set("TEAMS_CLIENT_ID") ? "TEAMS_CLIENT_SECRET: required with TEAMS_CLIENT_ID" : "TEAMS_CLIENT_ID: required with TEAMS_CLIENT_SECRET");
  if (set("TEAMS_TENANT_ID") && !set("TEAMS_CLIENT_ID")) problems.push("TEAMS_TENANT_ID: set, but TEAMS_CLIENT_ID and TEAMS_CLIENT_SECRET are missing");
  return problems;
}

/** The settings read from the environment. */
export function teamsSettings(source: PlatformEnv): TeamsSettings {
  const parsed = teamsEnv.safeParse(source);
  const env: z.infer<typeof teamsEnv> = parsed.success ? parsed.data : { TEAMS_CLIENT_ID: undefined, TEAMS_CLIENT_SECRET: undefined, TEAMS_TENANT_ID: undefined };
  return {
    authenticated: Boolean(env.TEAMS_CLIENT_ID),
    ...(env.TEAMS_CLIENT_ID ? { clientId: env.TEAMS_CLIENT_ID } : {}),
    ...(env.TEAMS_CLIENT_SECRET ? { clientSecret: env.TEAMS_CLIENT_SECRET } : {}),
    ...(env.TEAMS_TENANT_ID ? { tenantId: env.TEAMS_TENANT_ID } : {}),
  };
}
