// `npm run doctor`, Slack part: the token works, the granted scopes cover the manifest, the bot is in the
// commission channel, the slash command and the mode match the manifest, and each person's Slack id is a real user.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { webApi } from "@slack/bolt";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { check, type Check, type PlatformDoctorInput, type PlatformReport, type Reach } from "../../src/doctor/check.js";
import type { Logger } from "../../src/logger.js";
import { findRepoRoot } from "../../src/repo-root.js";
import { describeSlack, SLACK_EVENTS_PATH } from "./describe.js";
import { slackSettings, type SlackSettings } from "./settings.js";

const NAME = "Slack";
const MANIFEST = "manifests/slack/manifest.yaml";

/** What the doctor compares with the live app: the manifest's bot scopes, slash commands and mode. */
export interface SlackManifestFacts {
  scopes: string[];
  commands: string[];
  socketMode: boolean;
}

const manifestSchema = z.object({
  features: z.object({ slash_commands: z.array(z.object({ command: z.string() })).default([]) }),
  oauth_config: z.object({ scopes: z.object({ bot: z.array(z.string()).default([]) }) }),
  settings: z.object({ socket_mode_enabled: z.boolean().default(false) }).default({ socket_mode_enabled: false }),
});

/** Reads the repository's Slack manifest (the one the install steps paste into Slack). */
export function readSlackManifest(file = join(findRepoRoot(), MANIFEST)): SlackManifestFacts {
  const m = manifestSchema.parse(parseYaml(readFileSync(file, "utf8")));
  return { scopes: m.oauth_config.scopes.bot, commands: m.features.slash_commands.map((c) => c.command), socketMode: m.settings.socket_mode_enabled };
}

type WebClientLogger = NonNullable<NonNullable<ConstructorParameters<typeof webApi.WebClient>[1]>["logger"]>;

// The Web API client logs to the console unless given a logger; its chatter is debug detail here.
function clientLogger(logger: Logger): WebClientLogger {
  let level = webApi.LogLevel.DEBUG;
  const line = (...msg: unknown[]) => logger.debug({ source: "slack-web-api" }, msg.map(String).join(" "));
  return { debug: line, info: line, warn: line, error: line, setLevel: (l) => void (level = l), getLevel: () => level, setName: () => undefined };
}

/** Slack's error code of a failed call ("invalid_auth", "channel_not_found"…), or the failure in words. */
function slackError(e: unknown): string {
  const err = (e ?? {}) as { data?: { error?: string }; message?: string };
  return err.data?.error ?? err.message ?? String(e);
}

function modeChecks(s: SlackSettings, manifest: SlackManifestFacts): Check[] {
  const label = "Slack: mode";
  if (s.mode === "socket" && !manifest.socketMode)
    return [check(label, "fail", `SLACK_APP_TOKEN is set (Socket Mode) but ${MANIFEST} has socket_mode_enabled: false`, "set socket_mode_enabled: true in the manifest and update the app with it, or unset SLACK_APP_TOKEN to use HTTP mode")];
  if (s.mode === "http" && manifest.socketMode)
    return [check(label, "fail", `${MANIFEST} has socket_mode_enabled: true but SLACK_APP_TOKEN is not set`, "create an app-level token with connections:write and set SLACK_APP_TOKEN, or set socket_mode_enabled: false for HTTP mode")];
  if (s.mode === "http" && !s.signingSecret)
    return [check(label, "fail", "HTTP mode needs SLACK_SIGNING_SECRET to check that requests come from Slack", "copy the Signing Secret from the app's Basic Information into SLACK_SIGNING_SECRET")];
  return [check(label, "ok", s.mode === "socket" ? "Socket Mode, as the manifest says" : `HTTP mode at POST ${SLACK_EVENTS_PATH} with a signing secret, as the manifest says`)];
}

async function channelCheck(client: webApi.WebClient, channel: string | undefined): Promise<{ check: Check; usable: boolean }> {
  const label = "Slack: commission channel";
  if (!channel)
    return { usable: false, check: check(label, "warn", "none set (channels.slack in the policy), so commission cards are not posted in Slack", "invite the bot to the commission channel and put its id (C…) under channels.slack") };
  try {
    const res = await client.conversations.info({ channel });
    const name = res.channel?.name ? `#${res.channel.name}` : channel;
    if (res.channel?.is_archived) return { usable: false, check: check(label, "fail", `${name} is archived`, "choose a live channel under channels.slack") };
    if (res.channel?.is_member) return { usable: true, check: check(label, "ok", `the bot is a member of ${name}`) };
    return { usable: false, check: check(label, "fail", `the bot is not a member of ${name} (${channel}), so it cannot post the commission card there`, `in Slack, type /invite @Sister Cities in ${name}`) };
  } catch (e) {
    const code = slackError(e);
    if (code === "channel_not_found")
      return { usable: false, check: check(label, "fail", `Slack knows no channel ${channel} that the bot can see`, "check the id (channel details, at the bottom) under channels.slack; for a private channel, invite the bot first") };
    return { usable: false, check: check(label, "fail", `cannot look up ${channel}: ${code}`, code === "missing_scope" ? "reinstall the app with the manifest's scopes" : "run the doctor again; if it persists, check the id under channels.slack") };
  }
}

async function reachOf(client: webApi.WebClient, userId: string): Promise<Reach | { error: string }> {
  try {
    const res = await client.users.info({ user: userId });
    if (res.user?.deleted) return { reachable: false, detail: `the account ${userId} is deactivated` };
    if (res.user?.is_bot) return { reachable: false, detail: `${userId} is a bot, not a person` };
    return { reachable: true, detail: `Slack user ${userId}${res.user?.real_name ? ` (${res.user.real_name})` : ""}` };
  } catch (e) {
    const code = slackError(e);
    if (code === "user_not_found") return { reachable: false, detail: `Slack has no user ${userId} (copy the member id from their profile: ⋮ → Copy member ID)` };
    return { error: code };
  }
}

/** Checks Slack's live setup; `manifest` defaults to the repository's manifest file. */
export async function slackDoctor(input: PlatformDoctorInput, manifest: SlackManifestFacts = readSlackManifest()): Promise<PlatformReport> {
  const { config } = input;
  const s = slackSettings(config.platformEnv);
  const report: PlatformReport = { displayName: NAME, connected: false, checks: [], reach: {}, commissionChannel: false };
  if (!s) {
    report.checks.push(check(NAME, "ok", `not configured, skipped (to connect it: ${describeSlack(config).how})`));
    return report;
  }
  report.connected = true;
  const checks = report.checks;
  checks.push(...modeChecks(s, manifest));
  checks.push(
    manifest.commands.includes(s.command)
      ? check("Slack: slash command", "ok", `${s.command}, as in the manifest`)
      : check("Slack: slash command", "fail", `SLACK_COMMAND is ${s.command} but ${MANIFEST} declares ${manifest.commands.join(", ") || "no command"}`, "make SLACK_COMMAND and the manifest's command the same, and update the app with the manifest"),
  );

  const options = { logger: clientLogger(input.logger), timeout: 15_000, retryConfig: { retries: 1 }, ...(s.apiUrl ? { slackApiUrl: s.apiUrl } : {}) };
  if (s.mode === "socket") {
    try {
      await new webApi.WebClient(s.appToken, options).apps.connections.open();
      checks.push(check("Slack: app-level token", "ok", "SLACK_APP_TOKEN opens a Socket Mode connection"));
    } catch (e) {
      checks.push(check("Slack: app-level token", "fail", `Slack refused SLACK_APP_TOKEN (${slackError(e)})`, "create an app-level token with the connections:write scope (Basic Information → App-Level Tokens) and set SLACK_APP_TOKEN"));
    }
  }

  const client = new webApi.WebClient(s.botToken, options);
  let granted: string[] | undefined;
  try {
    const auth = await client.auth.test();
    granted = auth.response_metadata?.scopes;
    checks.push(check("Slack: bot token", "ok", `works for workspace ${auth.team ?? auth.team_id ?? "?"} as @${auth.user ?? auth.user_id ?? "?"}`));
  } catch (e) {
    const code = slackError(e);
    const fix = ["invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired"].includes(code)
      ? "copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions into SLACK_BOT_TOKEN; reinstall the app if it was removed"
      : "check that this machine can reach slack.com (proxy, firewall), then run the doctor again";
    checks.push(check("Slack: bot token", "fail", `auth.test failed: ${code}`, fix));
    return report; // every other Slack call needs the token
  }

  if (!granted) checks.push(check("Slack: scopes", "warn", "Slack did not say which scopes the token has, so they were not compared with the manifest"));
  else {
    const missing = manifest.scopes.filter((sc) => !granted.includes(sc));
    checks.push(
      missing.length === 0
        ? check("Slack: scopes", "ok", `the token has every scope the manifest asks for (${manifest.scopes.length})`)
        : check("Slack: scopes", "fail", `the token lacks scopes the manifest asks for: ${missing.join(", ")}`, `update the app from ${MANIFEST} (App Manifest) and reinstall it (OAuth & Permissions → Reinstall to Workspace)`),
    );
  }

  const channel = await channelCheck(client, config.policy.channels.slack);
  checks.push(channel.check);
  report.commissionChannel = channel.usable;

  const errors = new Set<string>();
  for (const p of input.people) {
    const r = await reachOf(client, p.userId);
    if ("error" in r) errors.add(r.error);
    else report.reach[p.personId] = r;
  }
  if (errors.size > 0)
    checks.push(check("Slack: people", "warn", `some people's Slack ids could not be checked: ${[...errors].join(", ")}`, "reinstall the app with the manifest's scopes (users:read), then run the doctor again"));
  return report;
}
