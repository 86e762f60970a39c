// Finds a person by e-mail on the commission's team roster (Bot Connector GET /v3/conversations/{teamId}/members):
// Teams members carry their e-mail and user principal name. The team is the one the commission channel belongs to,
// as the app's install in that team (or a message there) recorded it.
import type { Client as ApiClient, TeamsChannelAccount } from "@microsoft/teams.api";
import { PlatformError } from "../../src/app/ports.js";
import type { ConversationRefs } from "./conversation-refs.js";
import { toPlatformError } from "./platform.js";

/** Looks people up by e-mail among the commission team's members; null when nobody there has it. */
// The roster is read afresh for each lookup: lookups are few (people given by e-mail, at start and when one was
// not found or a send failed), and a cached roster would hand back the very id that just failed.
export function createTeamsPeopleFinder(deps: { refs: ConversationRefs; api: (serviceUrl: string) => ApiClient; commissionChannel: () => string | undefined }): (email: string) => Promise<string | null> {
  return async (email) => {
    const channel = deps.commissionChannel();
    if (!channel) throw new PlatformError("no Teams commission channel (channels.teams) is set, so there is no team roster to look people up in", false);
    const team = await deps.refs.teamOf(channel);
    if (!team) throw new PlatformError("the app has not been added to the commission channel's team yet, so its roster cannot be read", false);
    let members: TeamsChannelAccount[];
    try {
      members = await deps.api(team.serviceUrl).conversations.getMembers(team.teamId);
    } catch (e) {
      throw toPlatformError(e, "reading the commission team's roster");
    }
    const wanted = email.toLowerCase();
    const member = members.find((m) => m.email?.toLowerCase() === wanted || m.userPrincipalName?.toLowerCase() === wanted);
    if (!member) return null;
    await deps.refs.learnMember(
      { id: member.id, ...(member.aadObjectId ? { aadObjectId: member.aadObjectId } : {}), ...(member.name ? { name: member.name } : {}) },
      { serviceUrl: team.serviceUrl, ...(team.tenantId ? { tenantId: team.tenantId } : {}), ...(team.botId ? { botId: team.botId } : {}) },
    );
    return member.id;
  };
}
