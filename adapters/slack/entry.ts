// Slack as the platform registry knows it: no SDK here, so registering Slack costs nothing when it is off.
import type { PlatformEntry } from "../../src/platforms/registry.js";
import { slackCommand, slackEnvProblems } from "./settings.js";

// How Slack's reaction names look to people; others are shown as Slack writes them (:name:).
const EMOJI: Record<string, string> = { white_check_mark: "✅", "+1": "👍", thumbsup: "👍", x: "❌", "-1": "👎", thumbsdown: "👎", heart: "❤️" };

/** Slack's registry entry: `slack:` keys in the policy, Slack user ids, ✅ 👍 approve and ❌ 👎 deny by default. */
export const slackEntry: PlatformEntry = {
  id: "slack",
  displayName: "Slack",
  personId: { pattern: /^[UW][A-Z0-9]{2,}$/, example: "a Slack user id such as U012ABCDEF" },
  defaultReactions: { approve: ["white_check_mark", "+1", "thumbsup"], deny: ["x", "-1", "thumbsdown"] },
  showReaction: (name) => EMOJI[name] ?? `:${name}:`,
  findsPeopleByEmail: "a member of the workspace, looked up with users.lookupByEmail",
  commandPrefix: (env) => `${slackCommand(env)} `,
  env: ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_API_URL", "SLACK_COMMAND"],
  envProblems: slackEnvProblems,
};
