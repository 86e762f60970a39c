// Sends requests into the bot the way Slack does: signed with the signing secret (v0 HMAC-SHA256 of
// "v0:{timestamp}:{raw body}"), form-encoded for commands and interactivity, JSON for events.
import { createHmac } from "node:crypto";

export const SIGNING_SECRET = "test-signing-secret-0123456789abcdef";

/** Signs a raw body; `ageSeconds` makes a stale timestamp. */
export function sign(body: string, ageSeconds = 0, secret = SIGNING_SECRET): Record<string, string> {
  const ts = String(Math.floor(Date.now() / 1000) - ageSeconds);
  const sig = `v0=${createHmac("sha256", secret).update(`v0:${ts}:${body}`).digest("hex")}`;
  return { "x-slack-request-timestamp": ts, "x-slack-signature": sig };
}

/** Posts to the bot's Slack endpoint and returns status and body text. */
export async function post(
  url: string,
  body: string,
  contentType: string,
  opts: { ageSeconds?: number; secret?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; text: string }> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": contentType, ...sign(body, opts.ageSeconds, opts.secret), ...(opts.headers ?? {}) },
    body,
  });
  return { status: res.status, text: await res.text() };
}

/** A slash command as Slack sends it. */
export function commandBody(fields: { user: string; text: string; responseUrl: string; command?: string; channel?: string }): string {
  return new URLSearchParams({
    token: "deprecated",
    team_id: "TCITY",
    team_domain: "pinole",
    channel_id: fields.channel ?? "CGENERAL",
    channel_name: "general",
    user_id: fields.user,
    user_name: fields.user.toLowerCase(),
    command: fields.command ?? "/sistercity",
    text: fields.text,
    api_app_id: "A0SISTER",
    response_url: fields.responseUrl,
    trigger_id: `trig.${Math.random().toString(36).slice(2)}`,
  }).toString();
}

/** An interactivity payload (block_actions, view_submission) as Slack form-encodes it. */
export function interactionBody(payload: unknown): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

let eventSeq = 0;
/** An Events API callback with a fresh event id (or a given one, to model a retry). */
export function eventBody(event: Record<string, unknown>, eventId = `Ev${++eventSeq}${Date.now()}`): string {
  return JSON.stringify({ token: "deprecated", team_id: "TCITY", api_app_id: "A0SISTER", type: "event_callback", event_id: eventId, event_time: Math.floor(Date.now() / 1000), event });
}
