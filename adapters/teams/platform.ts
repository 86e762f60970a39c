import { MessageActivityInput, type Client as ApiClient } from "@microsoft/teams.api";
import { PlatformError, UnknownRecipient, type ChatPlatform } from "../../src/app/ports.js";
import type { Logger } from "../../src/logger.js";
import type { CardView } from "../../src/views/model.js";
import { ADAPTIVE_CARD_TYPE, type AdaptiveCard } from "./adaptive-card.js";
import type { ConversationRefs } from "./conversation-refs.js";
import { renderCard } from "./render.js";

/** A message activity carrying one or more cards; `summary` is what notifications show. */
export function cardMessage(summary: string, cards: AdaptiveCard[], extra: Record<string, unknown> = {}): MessageActivityInput {
  return new MessageActivityInput(undefined, { ...extra, summary, attachments: cards.map((content) => ({ contentType: ADAPTIVE_CARD_TYPE, content })) });
}

/** A CardView as a message activity. */
export function viewMessage(view: CardView, extra: Record<string, unknown> = {}): MessageActivityInput {
  return cardMessage(view.summary, [renderCard(view)], extra);
}

// Network failures that say nothing about the request itself: trying again later can work.
const TRANSIENT_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ECONNABORTED", "ENOTFOUND", "EAI_AGAIN", "EPIPE", "ERR_NETWORK", "ERR_SOCKET_CONNECTION_TIMEOUT"]);

interface HttpFailure {
  code?: string;
  message?: string;
  response?: { status?: number; headers?: Record<string, unknown>; data?: unknown };
}

function retryAfterMs(headers: Record<string, unknown> | undefined, now = Date.now()): number | undefined {
  const raw = headers?.["retry-after"];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== "string" && typeof value !== "number") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(String(value));
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function connectorMessage(data: unknown): string {
  if (data && typeof data === "object" && "error" in data) {
    const err = (data as { error?: { code?: string; message?: string } }).error;
    return [err?.code, err?.message].filter(Boolean).join(": ");
  }
  return typeof data === "string" ? data.slice(0, 200) : "";
}

/**
 * Turns a Bot Connector failure into a PlatformError: 429 (with its Retry-After), 5xx, 408 and network failures
 * can succeed later; any other answer (403 bot removed or blocked, 404 conversation gone, 400 bad card) cannot.
 */
export function toPlatformError(e: unknown, what: string): PlatformError {
  if (e instanceof PlatformError) return e;
  const f = (e ?? {}) as HttpFailure;
  const status = f.response?.status;
  if (typeof status === "number") {
    const detail = connectorMessage(f.response?.data);
    const message = `Teams Bot Connector answered ${status} to ${what}${detail ? ` (${detail})` : ""}`;
    if (status === 429) {
      const after = retryAfterMs(f.response?.headers);
      return after === undefined ? new PlatformError(message, true) : new PlatformError(message, true, after);
    }
    return new PlatformError(message, status >= 500 || status === 408);
  }
  const reason = f.code ?? (e instanceof Error ? e.message : String(e));
  // Anything else (token service unreachable, a reset socket) is assumed temporary, as the core assumes too.
  return new PlatformError(`could not reach the Teams Bot Connector for ${what}: ${reason}`, f.code === undefined || TRANSIENT_CODES.has(f.code));
}

// A short Retry-After is waited out here, so a burst of card updates does not fall back to the slow sweep;
// a long one is left to the sweep. Only 429 is retried in place: the request was refused, so it cannot post twice.
const MAX_INLINE_WAIT_MS = 5_000;
const MAX_INLINE_TRIES = 3;

async function withRateLimitRetry<T>(what: string, call: () => Promise<T>, logger: Logger): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (e) {
      const err = toPlatformError(e, what);
      const wait = err.retryAfterMs ?? 1_000;
      const throttled = (e as HttpFailure | undefined)?.response?.status === 429;
      if (!throttled || attempt >= MAX_INLINE_TRIES || wait > MAX_INLINE_WAIT_MS) throw err;
      logger.warn({ attempt, waitMs: wait }, `teams: throttled on ${what}; retrying`);
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

/** The outbound port for Teams: proactive posts and in-place updates through the SDK's Bot Connector client. */
export function createTeamsPlatform(deps: { refs: ConversationRefs; api: (serviceUrl: string) => ApiClient; logger: Logger; findPersonByEmail?: (email: string) => Promise<string | null> }): ChatPlatform {
  const { refs, logger } = deps;
  // 404 to a user: the Bot Connector knows no such member (any more); the core looks them up again by e-mail.
  const unknownUser = (e: unknown, to: { kind: string; id: string }, what: string): unknown =>
    to.kind === "user" && (e as HttpFailure | undefined)?.response?.status === 404 ? new UnknownRecipient(`${toPlatformError(e, what).message}: it knows no user ${to.id}`) : e;
  return {
    platform: "teams",
    ...(deps.findPersonByEmail ? { findPersonByEmail: deps.findPersonByEmail } : {}),
    async send(to, view) {
      const what = `post to ${to.kind} ${to.id}`;
      let target;
      try {
        target = await refs.resolve(to);
      } catch (e) {
        const what = `opening a chat with ${to.id}`;
        throw toPlatformError(unknownUser(e, to, what), what);
      }
      const activity = viewMessage(view, target.botId ? { from: { id: target.botId, role: "bot" } } : {});
      const post = () =>
        deps
          .api(target.serviceUrl)
          .conversations.createActivity(target.conversationId, activity)
          .catch((e: unknown) => {
            throw unknownUser(e, to, what);
          });
      const sent = await withRateLimitRetry(what, post, logger);
      try {
        await refs.remember(target);
      } catch (e) {
        // The message is out; failing here would send it twice on the retry.
        logger.warn({ err: e instanceof Error ? e.message : String(e) }, "teams: could not remember where a message was posted");
      }
      return { platform: "teams", conversationId: target.conversationId, messageId: sent.id };
    },
    async update(ref, view) {
      const what = `update message ${ref.messageId}`;
      const target = await refs.forConversation(ref.conversationId);
      const activity = viewMessage(view, { id: ref.messageId, ...(target.botId ? { from: { id: target.botId, role: "bot" } } : {}) });
      await withRateLimitRetry(what, () => deps.api(target.serviceUrl).conversations.updateActivity(ref.conversationId, ref.messageId, activity), logger);
    },
  };
}
