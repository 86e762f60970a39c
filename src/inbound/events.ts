// The inbound port's events: what an adapter hands the core after parsing a platform payload. Ids only, as the
// platform sent them; the core validates every one, reloads state and re-checks the actor.
import type { Actor } from "../domain/actors.js";

/** A message the bot posted, as the platform names it (a tracked card is looked up from this). */
export interface CardRef {
  conversationId?: string;
  messageId: string;
}

/** The ids a form carries through its round trip (modal metadata, hidden card data). */
export interface FormContext {
  applicationId?: number;
  /** The button that opened the form, as carried through the round trip (validated where it matters). */
  action?: string;
  /** For forms shown one section at a time: which section this is. */
  step?: number;
}

/** How a platform shows a form here: on one page (modal, dialog) or section by section in the chat. */
export type FormStyle = "one_page" | "steps";

/** A button pressed on a card. `action` is the raw id from the payload; unknown ids are refused politely. */
export interface ActionEvent {
  kind: "action";
  action: string;
  applicationId: number | undefined;
  actor: Actor;
  /** The platform's id for this delivery; a repeat of it changes nothing. */
  eventId?: string;
  /** The message the button was on. */
  card?: CardRef;
  /** True where the answer to a click replaces the clicked card (so the outcome carries the card as it is now). */
  answerWithCard?: boolean;
  formStyle?: FormStyle;
}

/** A form to show, by id (a dialog opened from a button, a form requested in the chat). */
export interface OpenFormEvent {
  kind: "open_form";
  form: string;
  context: FormContext;
  actor: Actor;
}

/** A form sent back: submitted, saved as a draft, or cancelled. `values` are what the person entered. */
export interface FormEvent {
  kind: "form";
  form: string;
  intent: "submit" | "save_draft" | "cancel";
  context: FormContext;
  values: Record<string, unknown>;
  actor: Actor;
  eventId?: string;
  /** The card the form was shown over, when it replaced one in the chat. */
  card?: CardRef;
}

/** A text command ("status SC-0001"); `prefix` is how commands are typed here ("/sistercity " or ""). */
export interface CommandEvent {
  kind: "command";
  text: string;
  actor: Actor;
  prefix: string;
  formStyle?: FormStyle;
}

/** Reactions added to or removed from a posted message (one platform delivery may carry several). */
export interface ReactionEvent {
  kind: "reaction";
  changes: { added: boolean; reaction: string }[];
  card: CardRef;
  actor: Actor;
  eventId?: string;
}

/** The person opened the app's home (their queues). */
export interface HomeEvent {
  kind: "home";
  actor: Actor;
}

/** How a posted card looks to this person now (a platform that shows each person their own copy asks this). */
export interface CardViewEvent {
  kind: "card_view";
  card: CardRef;
  actor: Actor;
}

/** Everything an adapter can hand the core. */
export type InboundEvent = ActionEvent | OpenFormEvent | FormEvent | CommandEvent | ReactionEvent | HomeEvent | CardViewEvent;
