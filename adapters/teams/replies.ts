// Invoke response bodies Teams expects, built from rendered cards.
import type { AdapterView } from "../../src/bot.js";
import type { ChatPlatform } from "../../src/app/ports.js";
import type { Dispatcher } from "../../src/inbound/port.js";
import type { Logger } from "../../src/logger.js";
import type { FormView } from "../../src/views/model.js";
import { ADAPTIVE_CARD_TYPE, type AdaptiveCard } from "./adaptive-card.js";
import type { ConversationRefs } from "./conversation-refs.js";
import { renderForm } from "./render.js";

/** What every inbound handler works with. */
export interface TeamsDeps {
  /** The core's inbound port. */
  inbound: Dispatcher;
  ctx: AdapterView;
  refs: ConversationRefs;
  platform: ChatPlatform;
  logger: Logger;
  /** Work that goes on after Teams was answered (tracked, so idle() and shutdown wait for it). */
  background?: (work: Promise<void>) => void;
}

/** The answer to an `adaptiveCard/action` invoke: a card that replaces the clicked one, or a short message. */
export type CardActionReply =
  | { statusCode: 200; type: "application/vnd.microsoft.card.adaptive"; value: AdaptiveCard }
  | { statusCode: 200; type: "application/vnd.microsoft.activity.message"; value: string };

/** Replaces the clicked card for the person who clicked. */
export const cardReply = (card: AdaptiveCard): CardActionReply => ({ statusCode: 200, type: ADAPTIVE_CARD_TYPE, value: card });

/** Leaves the card as it is and shows a short message to the person who clicked. */
export const messageReply = (text: string): CardActionReply => ({ statusCode: 200, type: "application/vnd.microsoft.activity.message", value: text });

/** The answer to task/fetch, task/submit and message-extension fetchTask/submitAction. */
export interface DialogReply {
  task:
    | { type: "continue"; value: { title: string; width: "small" | "medium" | "large"; height: "small" | "medium" | "large"; card: { contentType: string; content: AdaptiveCard } } }
    | { type: "message"; value: string };
}

/** Opens (or keeps open) a dialog showing the form. */
export function dialogForm(form: FormView): DialogReply {
  const big = form.formId === "application";
  return {
    task: {
      type: "continue",
      value: { title: form.title, width: big ? "large" : "medium", height: big ? "large" : "medium", card: { contentType: ADAPTIVE_CARD_TYPE, content: renderForm(form, { mode: "dialog" }) } },
    },
  };
}

/** Opens a dialog that only shows a card (something to read, no submit). */
export function dialogCard(title: string, card: AdaptiveCard): DialogReply {
  return { task: { type: "continue", value: { title, width: "large", height: "large", card: { contentType: ADAPTIVE_CARD_TYPE, content: card } } } };
}

/** Closes the dialog with a message. */
export const dialogMessage = (text: string): DialogReply => ({ task: { type: "message", value: text } });
