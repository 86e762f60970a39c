// What the start-up log says about Slack; kept apart from the adapter so describing it loads no Slack SDK.
import type { Config } from "../../src/config/index.js";
import { slackSettings } from "./settings.js";

/** The path Slack posts commands, interactivity and events to (the manifest's request URLs). */
export const SLACK_EVENTS_PATH = "/slack/events";

/** Whether Slack is on, and how (or how to turn it on). */
export function describeSlack(config: Config): { enabled: boolean; how: string } {
  const slack = slackSettings(config.platformEnv);
  if (!slack) return { enabled: false, how: "set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (HTTP) or SLACK_BOT_TOKEN and SLACK_APP_TOKEN (Socket Mode)" };
  return slack.mode === "socket"
    ? { enabled: true, how: `Socket Mode, command ${slack.command}` }
    : { enabled: true, how: `HTTP mode at POST ${SLACK_EVENTS_PATH}, command ${slack.command}` };
}
