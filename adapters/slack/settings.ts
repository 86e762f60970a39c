// Slack's environment variables, read and checked by the Slack adapter itself (the core parses none of them).
import { z } from "zod";
import { envIssues, optionalText } from "../../src/config/index.js";
import type { PlatformEnv } from "../../src/platforms/registry.js";

/** The Slack adapter's settings, when its variables are set. */
export interface SlackSettings {
  mode: "http" | "socket";
  botToken: string;
  signingSecret?: string;
  appToken?: string;
  apiUrl?: string;
  command: string;
}

const slackEnv = z.object({
  SLACK_BOT_TOKEN: optionalText.refine((t) => t === undefined || t.startsWith("xoxb-"), "must be a bot token starting with xoxb-"),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.refine((t) => t === undefined || t.startsWith("xapp-"), "must be an app-level token starting with xapp-"),
  SLACK_API_URL: optionalText.refine((u) => u === undefined || /^https?:\/\/.+\/$/.test(u), "must be a base URL ending in / (e.g. https://slack.com/api/)"),
  SLACK_COMMAND: z.string().regex(/^\/[a-z0-9_-]{1,31}$/, "must look like /sistercity").default("/sistercity"),
});

/** Every problem with the Slack variables, each line naming its variable. */
export function slackEnvProblems(source: PlatformEnv): string[] {
  const parsed = slackEnv.safeParse(source);
  const problems = parsed.success ? [] : envIssues(parsed.error);
  // Pairing is checked on the raw values too, so one run reports every problem, not the first kind only.
  const set = (k: string) => (source[k] ?? "").trim() !== "";
  if (set("SLACK_BOT_TOKEN") && !set("SLACK_SIGNING_SECRET") && !set("SLACK_APP_TOKEN"))
    problems.push("SLACK_SIGNING_SECRET: required with SLACK_BOT_TOKEN for HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)");
  if (!set("SLACK_BOT_TOKEN"))
    for (const v of ["SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN"])
      if (set(v)) problems.push(`${v}: set, but SLACK_BOT_TOKEN is missing (the bot token is needed to post and open forms)`);
  return problems;
}

/** The slash command people type (SLACK_COMMAND, "/sistercity" unless set; start-up refuses a malformed one). */
export function slackCommand(source: PlatformEnv): string {
  const parsed = slackEnv.shape.SLACK_COMMAND.safeParse(source.SLACK_COMMAND);
  return parsed.success ? parsed.data : "/sistercity";
}

/** The settings, or null when Slack is not configured (or its variables have problems, which start-up reports). */
export function slackSettings(source: PlatformEnv): SlackSettings | null {
  const parsed = slackEnv.safeParse(source);
  if (!parsed.success || !parsed.data.SLACK_BOT_TOKEN) return null;
  const env = parsed.data;
  return {
    mode: env.SLACK_APP_TOKEN ? "socket" : "http",
    botToken: env.SLACK_BOT_TOKEN!,
    command: env.SLACK_COMMAND,
    ...(env.SLACK_SIGNING_SECRET ? { signingSecret: env.SLACK_SIGNING_SECRET } : {}),
    ...(env.SLACK_APP_TOKEN ? { appToken: env.SLACK_APP_TOKEN } : {}),
    ...(env.SLACK_API_URL ? { apiUrl: env.SLACK_API_URL } : {}),
  };
}
