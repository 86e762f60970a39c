// The inbound port's answers: what the core wants shown after an event. Adapters render these and decide nothing.
import type { ExportedPacket } from "../app/export-application.js";
import type { CardView, FormView } from "../views/model.js";

/** After a button: done (with the card as it is now, and/or a private note), a form to open, a card to show, or a refusal. */
export type ActionOutcome =
  /** `cardSaysIt`: where the answer replaces the clicked card, showing `card` says what `tell` says. */
  | { kind: "done"; card?: CardView; tell?: string; cardSaysIt?: boolean }
  | { kind: "form"; form: FormView }
  /** Show this card to the person (a new message, or a read-only view where there are no messages); `note` says so. */
  /** `panel`: read-only reading matter, best shown in a window of its own (a modal, a dialog) rather than a message. */
  | { kind: "show"; view: CardView; title: string; note: string; panel?: boolean }
  | { kind: "refused"; message: string }
  /** A repeated delivery: nothing ran again. */
  | { kind: "duplicate"; card?: CardView; message: string };

/** After a form: done, or the form again with messages at the fields, or a refusal; `form` is what to keep showing. */
export type FormOutcome =
  | { kind: "done"; message: string; notice?: string; card?: CardView; form?: FormView }
  /** Bad answers: nothing stored; `form` already shows the messages and what was typed, `errors` maps field → message. */
  | { kind: "invalid"; form: FormView; errors: Record<string, string>; message: string }
  | { kind: "refused"; message: string; form?: FormView }
  | { kind: "next"; form: FormView }
  | { kind: "duplicate"; message: string }
  | { kind: "cancelled"; card: CardView };

/** The form to show, or why not. */
export type OpenFormOutcome = { kind: "form"; form: FormView } | { kind: "refused"; message: string };

/** After a text command. */
export type CommandOutcome =
  | { kind: "form"; form: FormView }
  | { kind: "cards"; views: CardView[] }
  /** Cards for the person's eyes only (setup problems, people's ids): never posted where others read along. */
  | { kind: "private"; views: CardView[]; note: string }
  /** An export packet: platforms that take files send `packet` and then `sent`; others show `links`. */
  | { kind: "export"; packet: ExportedPacket; links: CardView; sent: CardView };

/** After reactions: at most a private note to the person. */
export interface ReactionOutcome {
  tell?: CardView;
}

/** What the home shows. */
export interface HomeOutcome {
  view: CardView;
}

/** A tracked card as the person sees it; null when the message is not one of the bot's tracked cards. */
export interface CardViewOutcome {
  view: CardView | null;
}
