// What the start-up log says about Teams; kept apart from the adapter so describing it loads no Teams SDK.
import type { Config } from "../../src/config/index.js";
import { teamsSettings } from "./settings.js";

/** Where Teams (and the Agents Playground) post activities; the Azure bot's messaging endpoint is <public URL> + this. */
export const MESSAGES_PATH = "/api/messages";

/** Whether Teams is on, and whether it checks tokens. */
export function describeTeams(config: Config): { enabled: boolean; how: string } {
  const t = teamsSettings(config.platformEnv);
  if (t.authenticated)
    return { enabled: true, how: `POST ${MESSAGES_PATH} validates Bot Framework tokens for app ${t.clientId}${t.tenantId ? ` (tenant ${t.tenantId})` : ""}` };
  return {
    enabled: true,
    how: `POST ${MESSAGES_PATH} is UNAUTHENTICATED and local-only (TEAMS_CLIENT_ID and TEAMS_CLIENT_SECRET are not set): for the Microsoft 365 Agents Playground on this machine; set both to connect Teams`,
  };
}
