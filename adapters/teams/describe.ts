// What the start-up log says about Teams; kept apart from the adapter so describing it loads no Teams SDK.
import type { Config } from "../../src/config/index.js";
import { teamsSettings } from "./settings.js";

/** Where Teams (and the Agents Playground) post activities; the Azure bot's messaging endpoint is <public URL> + this. */
export const MESSAGES_PATH = "/api/messages";

/** Whether Teams is on, whether it checks tokens, and how to turn it on. */
export function describeTeams(config: Config): { enabled: boolean; how: string } {
  const t = teamsSettings(config.platformEnv);
  if (t.mode === "authenticated")
    return { enabled: true, how: `POST ${MESSAGES_PATH} validates Bot Framework tokens for app ${t.clientId}${t.tenantId ? ` (tenant ${t.tenantId} only)` : ""}` };
  if (t.mode === "local")
    return {
      enabled: true,
      how: `POST ${MESSAGES_PATH} is UNAUTHENTICATED and local-only (TEAMS_ALLOW_UNAUTHENTICATED_LOCAL=true): for the Microsoft 365 Agents Playground on this machine; requests through a proxy or from other machines are refused`,
    };
  return {
    enabled: false,
    how: `Teams is off and ${MESSAGES_PATH} is not served: set TEAMS_CLIENT_ID and TEAMS_CLIENT_SECRET to connect Teams, or TEAMS_ALLOW_UNAUTHENTICATED_LOCAL=true to try it with the Agents Playground on this machine`,
  };
}
