// Finds a person by e-mail on the commission's team roster (Bot Connector GET /v3/conversations/{teamId}/members):
// Teams members carry their e-mail and user principal name. The team is the one the commission channel belongs to,
// as the app's install in that team (or a message there) recorded it.
import type { Client as ApiClient, TeamsChannelAccount } from "@microsoft/teams.api";
import { PlatformError } from "../../src/app/ports.js";
import type { ConversationRefs } from "./conversation-refs.js";
import { toPlatformError } from "./platform.js";

// One roster read serves the lookups of one start-up or sweep, not one per person.
const ROSTER_TTL_MS = 60_000;

/** Looks people up by e-mail among the commission team's members; null when nobody there has it. */
export function createTeamsPeopleFinder(deps: { refs: ConversationRefs; api: (serviceUrl: string) => ApiClient; commissionChannel: () => string | undefined; clock?: () => number }): (email: string) => Promise<string | null> {
  const now = deps.clock ?? Date.now;
  let cached: { at: number; teamId: string; members: TeamsChannelAccount[] } | null = null;
  return async (email) => {
    const channel = deps.commissionChannel();
    if (!channel) throw new PlatformError("no Teams commission channel (channels.teams) is set, so there is no team roster to look people up in", false);
    const team = await deps.refs.teamOf(channel);
    if (!team) throw new PlatformError("the app has not been added to the commission channel's team yet, so its roster cannot be read", false);
    if (!cached || cached.teamId !== team.teamId || now() - cached.at > ROSTER_TTL_MS) {
      try {
        cached = { at: now(), teamId: team.teamId, members: await deps.api(team.serviceUrl).conversations.getMembers(team.teamId) };
      } catch (e) {
        throw toPlatformError(e, "reading the commission team's roster");
      }
    }
    const wanted = email.toLowerCase();
    const member = cached.members.find((m) => m.email?.toLowerCase() === wanted || m.userPrincipalName?.toLowerCase() === wanted);
    if (!member) return null;
    await deps.refs.learnMember(
      { id: member.id, ...(member.aadObjectId ? { aadObjectId: member.aadObjectId } : {}), ...(member.name ? { name: member.name } : {}) },
      { serviceUrl: team.serviceUrl, ...(team.tenantId ? { tenantId: team.tenantId } : {}), ...(team.botId ? { botId: team.botId } : {}) },
    );
    return member.id;
  };
}
