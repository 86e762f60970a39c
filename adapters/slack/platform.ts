// The Slack side of the ChatPlatform port: posts and updates messages through the Web API, and turns Slack's
// failures into PlatformErrors that say whether the outbox should try again.
import type { webApi } from "@slack/bolt";
import { PlatformError, UnknownRecipient, type Address, type ChatPlatform, type MessageHandle } from "../../src/app/ports.js";
import type { CardView } from "../../src/views/model.js";
import { renderMessage } from "./render.js";

// Slack errors that a later attempt can get past; every other ok:false is final (channel_not_found, not_in_channel…).
const TRANSIENT = new Set(["ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout", "team_added_to_org"]);

interface SlackErrorShape {
  code?: string;
  retryAfter?: number;
  statusCode?: number;
  data?: { error?: string };
  message?: string;
}

/** Maps a @slack/web-api error to a PlatformError (429 → retry after Retry-After; 5xx and network → retry). */
export function toPlatformError(e: unknown): PlatformError {
  const err = (e ?? {}) as SlackErrorShape;
  switch (err.code) {
    case "slack_webapi_rate_limited_error":
      return new PlatformError(`Slack rate limit (retry after ${err.retryAfter ?? "?"} s)`, true, (err.retryAfter ?? 1) * 1000);
    case "slack_webapi_platform_error": {
      const code = err.data?.error ?? "unknown_error";
      return new PlatformError(`Slack refused: ${code}`, TRANSIENT.has(code));
    }
    case "slack_webapi_http_error":
      return new PlatformError(`Slack HTTP ${err.statusCode ?? "error"}`, (err.statusCode ?? 500) >= 500);
    case "slack_webapi_request_error":
      return new PlatformError(`Slack not reachable: ${err.message ?? "request failed"}`, true);
    default:
      return e instanceof PlatformError ? e : new PlatformError(`Slack call failed: ${err.message ?? String(e)}`, true);
  }
}

// Answers to a direct message that mean Slack knows no such user (any more): the person is looked up again by e-mail.
const UNKNOWN_USER = new Set(["user_not_found", "channel_not_found", "user_disabled"]);

/** Creates the Slack ChatPlatform over a Web API client. */
export function createSlackPlatform(client: webApi.WebClient): ChatPlatform {
  return {
    platform: "slack",
    async send(to: Address, view: CardView): Promise<MessageHandle> {
      const message = renderMessage(view);
      try {
        // A user id as channel posts into the bot's direct-message conversation with that user.
        const res = await client.chat.postMessage({ channel: to.id, text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false });
        return { platform: "slack", conversationId: res.channel ?? to.id, messageId: res.ts ?? "" };
      } catch (e) {
        const code = (e as SlackErrorShape | undefined)?.data?.error;
        if (to.kind === "user" && code && UNKNOWN_USER.has(code)) throw new UnknownRecipient(`Slack knows no user ${to.id} (${code})`);
        throw toPlatformError(e);
      }
    },
    async findPersonByEmail(email) {
      // Needs the users:read.email scope; Slack answers users_not_found for an address nobody in the workspace has.
      try {
        const res = await client.users.lookupByEmail({ email });
        const user = res.user;
        return user?.id && !user.deleted && !user.is_bot ? user.id : null;
      } catch (e) {
        if ((e as SlackErrorShape | undefined)?.data?.error === "users_not_found") return null;
        throw toPlatformError(e);
      }
    },
    async update(ref: MessageHandle, view: CardView): Promise<void> {
      const message = renderMessage(view);
      try {
        await client.chat.update({ channel: ref.conversationId, ts: ref.messageId, text: message.text, blocks: message.blocks });
      } catch (e) {
        throw toPlatformError(e);
      }
    },
  };
}
