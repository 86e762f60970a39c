/**
 * The platform-neutral view tree. Every string in it is plain text: renderers escape it for their platform,
 * so nothing a user typed can turn into a mention, a link or formatting.
 */

export type Tone = "default" | "good" | "attention" | "warning";

/** Buttons people can press; each carries only ids, and every press reloads state and re-checks the actor. */
export type ActionId =
  | "vote.approve"
  | "vote.deny"
  | "vote.abstain"
  | "vote.recuse"
  | "vote.open"
  | "vote.close"
  | "intake.accept"
  | "intake.return"
  | "intake.reject"
  | "council.schedule"
  | "council.record"
  | "agreement.record"
  | "app.edit"
  | "app.withdraw"
  | "app.status"
  | "app.full"
  | "reminder.snooze"
  | "meeting.schedule";

export interface Button {
  action: ActionId;
  label: string;
  applicationId: number;
  style?: "primary" | "danger";
  /** True when pressing it first asks for more (a reason, a date): the adapter opens a small form. */
  asksForInput?: boolean;
  /** True when pressing it shows something to read in a window of its own (Slack modal, Teams dialog). */
  panel?: boolean;
  /** Asked before the press counts, where the platform can ask (a step that cannot be undone). */
  confirm?: { title: string; text: string; yes: string; no: string };
}

/** A person a block is meant for, with their id on each platform (from the policy). */
export interface Viewer {
  personId: string;
  ids: Readonly<Record<string, string>>;
}

export interface Field {
  label: string;
  value: string;
}

export type CheckState = "met" | "not_met" | "unknown";

export type Input =
  /**
   * `requiredWhen`: the answer that makes this field required ("if it is near water"); the field itself is optional.
   * `format`: an e-mail address or a web address, for platforms whose own inputs check these as the person types
   * (the server checks them again either way).
   * `dependsOn`: the yes/no input whose "yes" makes it required; a platform that can show it only after "yes" does.
   */
  | { kind: "text"; name: string; label: string; value?: string; multiline?: boolean; maxLength: number; optional?: boolean; hint?: string; requiredWhen?: string; format?: TextFormat; dependsOn?: string }
  | { kind: "number"; name: string; label: string; value?: number; min: number; max: number; optional?: boolean; hint?: string }
  | { kind: "choice"; name: string; label: string; options: Option[]; value?: string; optional?: boolean; hint?: string }
  | { kind: "multi"; name: string; label: string; options: Option[]; values?: string[]; optional?: boolean; hint?: string }
  | { kind: "yesno"; name: string; label: string; value?: boolean; optional?: boolean; hint?: string }
  | { kind: "date"; name: string; label: string; value?: string; optional?: boolean; hint?: string };

/** What a single-line text input holds, where it is more than free text. */
export type TextFormat = "email" | "url";

export interface Option {
  value: string;
  label: string;
}

export type Block =
  | { type: "header"; text: string }
  | { type: "text"; text: string; tone?: Tone; small?: boolean }
  | { type: "fields"; fields: Field[] }
  | { type: "checklist"; items: { state: CheckState; label: string; detail: string }[] }
  | { type: "divider" }
  /**
   * `onlyFor`: buttons for these people only (the chair's Close vote). A platform that can show each person their own
   * copy of a card shows them to these people only; elsewhere everyone sees them. The core checks the presser anyway.
   * `intro`: a short line above the buttons, shown (and left out) with them.
   */
  | { type: "actions"; buttons: Button[]; onlyFor?: Viewer[]; intro?: string }
  /** Links that open in the browser (downloads); URLs are made by the bot, never typed by users. */
  | { type: "links"; links: { label: string; url: string }[] }
  | { type: "input"; input: Input; error?: string };

/** A message or card. `summary` is the one-line text for notifications and screen readers. */
export interface CardView {
  kind: "card";
  summary: string;
  blocks: Block[];
}

/** Forms the bot can show. */
export type FormId = "application" | "reason" | "council" | "council_date" | "agreement" | "recuse" | "meeting";

/** A form (Slack modal, Teams dialog or in-chat card form). */
export interface FormView {
  kind: "form";
  formId: FormId;
  title: string;
  submitLabel: string;
  /** Ids the adapter carries through the round trip (private_metadata / hidden data). */
  context: { applicationId?: number; action?: ActionId; step?: number };
  blocks: Block[];
  /** Offered next to submit, e.g. "Save draft". */
  secondary?: { id: "save_draft"; label: string };
  /** Offered on a later step of a form shown step by step: saves this step as a draft and shows the one before. */
  back?: { label: string };
}

/** A short plain text message. */
export function textCard(summary: string, text = summary, tone: Tone = "default"): CardView {
  return { kind: "card", summary, blocks: [{ type: "text", text, tone }] };
}

/** The card as `personId` sees it: blocks meant for others left out, their own kept as ordinary blocks. */
export function forViewer(view: CardView, personId: string): CardView {
  const blocks = view.blocks.flatMap((b): Block[] => {
    if (b.type !== "actions" || !b.onlyFor) return [b];
    return b.onlyFor.some((v) => v.personId === personId) ? [{ type: "actions", buttons: b.buttons, ...(b.intro ? { intro: b.intro } : {}) }] : [];
  });
  return { ...view, blocks };
}

/** The label a person reads: a conditional field says when it is required instead of looking optional. */
export function inputLabel(input: Input): string {
  return input.kind === "text" && input.requiredWhen ? `${input.label} — required ${input.requiredWhen}` : input.label;
}

/** Cuts `s` to at most `max` characters, marking the cut; renderers use it to stay inside platform limits. */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  return `${s.slice(0, Math.max(0, max - 1))}…`;
}

/**
 * Wraps text a user typed (a city, a name) that sits inside one of our sentences in Unicode isolates (FSI … PDI),
 * so right-to-left text such as an Arabic city name cannot reorder the words around it. both chat platforms
 * render isolates; files (exports) leave them out.
 */
export function isolate(s: string): string {
  return `\u2068${s}\u2069`;
}
