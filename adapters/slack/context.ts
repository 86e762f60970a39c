// Small helpers every Slack handler shares: who the actor is, how to tell them something, how to read a modal.
import type { webApi } from "@slack/bolt";
import type { Actor } from "../../src/domain/actors.js";
import { cleanDisplayName } from "../../src/domain/display-name.js";
import type { Logger } from "../../src/logger.js";
import type { CardView } from "../../src/views/model.js";
import { escapeMrkdwn, renderMessage, type ModalMetadata } from "./render.js";

/** The parts of a Slack interaction payload the handlers read. */
export interface SlackBody {
  user?: { id: string; name?: string; username?: string };
  user_id?: string;
  user_name?: string;
  channel?: { id: string };
  container?: { type?: string; channel_id?: string; message_ts?: string; view_id?: string };
  view?: { id: string; type?: string; hash?: string; private_metadata?: string; state?: { values: StateValues } };
  trigger_id?: string;
}

/** Slack's view state: block_id → action_id → element value. */
export type StateValues = Record<string, Record<string, ElementValue>>;
interface ElementValue {
  type: string;
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: { value: string }[];
  selected_date?: string | null;
}

/** The acting user from any Slack payload. */
export function actorOf(body: SlackBody): Actor {
  const id = body.user?.id ?? body.user_id ?? "";
  const name = cleanDisplayName(body.user?.name ?? body.user?.username ?? body.user_name);
  return { platform: "slack", userId: id, ...(name ? { name } : {}) };
}

/** Reads every input of a submitted modal into name → raw value (strings, lists), by block id. */
export function readState(values: StateValues | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [blockId, actions] of Object.entries(values ?? {})) {
    const el = Object.values(actions)[0];
    if (!el) continue;
    switch (el.type) {
      case "checkboxes":
        out[blockId] = (el.selected_options ?? []).map((o) => o.value);
        break;
      case "radio_buttons":
      case "static_select":
        out[blockId] = el.selected_option?.value ?? "";
        break;
      case "datepicker":
        out[blockId] = el.selected_date ?? "";
        break;
      default:
        out[blockId] = el.value ?? "";
    }
  }
  return out;
}

/**
 * True when the click came from inside an open modal, the only place Slack lets views.push add a view; the Home tab
 * is a view too, but not a modal, so a click there (or in a message) opens a new modal with views.open.
 */
export function insideModal(body: SlackBody): boolean {
  return body.container?.type === "view" && body.view?.type === "modal";
}

/** Parses a modal's private_metadata; an unreadable one yields undefined (the payload was not ours). */
export function metadataOf(body: SlackBody): ModalMetadata | undefined {
  try {
    const m = JSON.parse(body.view?.private_metadata ?? "") as ModalMetadata;
    return typeof m === "object" && m !== null && typeof m.formId === "string" ? m : undefined;
  } catch {
    return undefined;
  }
}

/** Parses a button value into an application id. */
export function applicationIdOf(value: string | undefined): number | undefined {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/**
 * Tells the acting user something privately: an ephemeral message in the channel where they clicked, or a direct
 * message when the click came from App Home or a modal.
 */
export async function tell(client: webApi.WebClient, body: SlackBody, content: string | CardView, logger: Logger): Promise<void> {
  const user = actorOf(body).userId;
  const channel = body.container?.channel_id ?? body.channel?.id;
  const message = typeof content === "string" ? { text: escapeMrkdwn(content), blocks: [{ type: "section" as const, text: { type: "plain_text" as const, text: content.slice(0, 3000) || " " } }] } : renderMessage(content);
  try {
    if (channel && body.container?.type !== "view") await client.chat.postEphemeral({ channel, user, text: message.text, blocks: message.blocks });
    else await client.chat.postMessage({ channel: user, text: message.text, blocks: message.blocks });
  } catch (e) {
    logger.warn({ err: e instanceof Error ? e.message : String(e), user }, "could not tell the user");
  }
}
