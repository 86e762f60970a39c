// Microsoft Teams as the platform registry knows it: no SDK here, so registering Teams costs nothing at start-up.
import type { PlatformEntry } from "../../src/platforms/registry.js";
import { teamsEnvProblems } from "./settings.js";

// How Teams' reaction ids look to people.
const EMOJI: Record<string, string> = { like: "👍", heart: "❤️", laugh: "😆", surprised: "😮", sad: "😢", angry: "😠" };

/** Teams' registry entry: `teams:` keys in the policy ("29:…" ids or Entra object ids), 👍 approves by default. */
export const teamsEntry: PlatformEntry = {
  id: "teams",
  displayName: "Teams",
  personId: { pattern: /^\S.{1,198}\S$/, example: "a Teams user id (29:…) or an Entra object id" },
  defaultReactions: { approve: ["like"], deny: [] },
  showReaction: (name) => EMOJI[name] ?? name,
  findsPeopleByEmail: "a member of the commission channel's team, with the app added to that team",
  // Commands are plain words in a chat with the bot (after an @mention in a channel).
  commandPrefix: () => "",
  env: ["TEAMS_CLIENT_ID", "TEAMS_CLIENT_SECRET", "TEAMS_TENANT_ID", "TEAMS_ALLOW_UNAUTHENTICATED_LOCAL"],
  envProblems: teamsEnvProblems,
};
