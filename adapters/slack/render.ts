// Neutral views → Block Kit. Every user-typed string goes out as plain_text (Slack shows it literally: no
// mentions, links or formatting); only the bot's own labels use mrkdwn. Limits are enforced here, so a view
// can never exceed them whatever was typed.
import type { types } from "@slack/bolt";

type KnownBlock = types.KnownBlock;
type PlainTextOption = types.PlainTextOption;
type View = types.View;
import { clip, inputLabel, type Block, type Button, type CardView, type FormView, type Input } from "../../src/views/model.js";
import { LABELS } from "../../src/views/labels.js";

/** Slack's Block Kit limits we render against (docs.slack.dev, summarised in docs/platform-facts.md). */
export const SLACK_LIMITS = {
  messageBlocks: 50,
  modalBlocks: 100,
  sectionText: 3000,
  field: 2000,
  fields: 10,
  header: 150,
  buttonText: 75,
  modalTitle: 24,
  privateMetadata: 3000,
  actionsElements: 25,
  fallbackText: 3000,
  label: 2000,
} as const;

const plain = (text: string, max: number = SLACK_LIMITS.sectionText) => ({ type: "plain_text" as const, text: clip(text, max) || " ", emoji: true });

/**
 * Makes text safe for mrkdwn (notification fallbacks): escapes the three control characters Slack requires, which
 * also defuses <!channel> and <@U…>, and breaks formatting markers with a zero-width space.
 */
export function escapeMrkdwn(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/([*_~`])/g, "$1\u200B");
}

const TONE_ICON = { default: "", good: "✅ ", attention: "⚠️ ", warning: "⚠️ " } as const;
const CHECK_ICON = { met: "✅", not_met: "❌", unknown: "❔" } as const;

/** The value a button carries: only the application id. */
export function buttonValue(b: Pick<Button, "applicationId">): string {
  return String(b.applicationId);
}

function button(b: Button): Record<string, unknown> {
  return {
    type: "button",
    action_id: b.action,
    text: plain(b.label, SLACK_LIMITS.buttonText),
    value: buttonValue(b),
    ...(b.style ? { style: b.style } : {}),
    ...(b.confirm
      ? {
          confirm: {
            title: plain(b.confirm.title, 100),
            text: plain(b.confirm.text, 300),
            confirm: plain(b.confirm.yes, 30),
            deny: plain(b.confirm.no, 30),
            ...(b.style === "danger" ? { style: "danger" } : {}),
          },
        }
      : {}),
  };
}

function blocksFor(b: Block, i: number): Record<string, unknown>[] {
  const id = `b${i}`;
  switch (b.type) {
    case "header":
      return [{ type: "header", block_id: id, text: plain(b.text, SLACK_LIMITS.header) }];
    case "text": {
      const text = `${TONE_ICON[b.tone ?? "default"]}${b.text}`;
      if (b.small) return [{ type: "context", block_id: id, elements: [plain(text, SLACK_LIMITS.sectionText)] }];
      return [{ type: "section", block_id: id, text: plain(text) }];
    }
    case "fields": {
      // Label | value pairs in Slack's two-column layout; at most 5 pairs per section.
      const out: Record<string, unknown>[] = [];
      for (let k = 0; k < b.fields.length; k += SLACK_LIMITS.fields / 2) {
        const fields = b.fields.slice(k, k + SLACK_LIMITS.fields / 2).flatMap((f) => [
          { type: "mrkdwn", text: `*${escapeMrkdwn(f.label)}*` },
          plain(f.value, SLACK_LIMITS.field),
        ]);
        out.push({ type: "section", block_id: `${id}_${k}`, fields });
      }
      return out;
    }
    case "checklist":
      return [{ type: "section", block_id: id, text: plain(b.items.map((c) => `${CHECK_ICON[c.state]} ${c.label} — ${c.detail}`).join("\n")) }];
    case "divider":
      return [{ type: "divider", block_id: id }];
    case "actions":
      if (b.buttons.length === 0) return [];
      return [
        ...(b.intro ? [{ type: "context", block_id: `${id}_intro`, elements: [plain(b.intro)] }] : []),
        { type: "actions", block_id: id, elements: b.buttons.slice(0, SLACK_LIMITS.actionsElements).map(button) },
      ];
    case "input":
      // A message the server put on the field shows under it (a view cannot carry response_action errors).
      return b.error ? [inputBlock(b.input), { type: "context", block_id: `${b.input.name}_error`, elements: [plain(`⚠️ ${b.error}`)] }] : [inputBlock(b.input)];
    case "links":
      return [{ type: "actions", block_id: id, elements: b.links.slice(0, SLACK_LIMITS.actionsElements).map((l, k) => ({ type: "button", action_id: `link.${k}`, text: plain(l.label, SLACK_LIMITS.buttonText), url: l.url })) }];
  }
}

function option(o: { value: string; label: string }): PlainTextOption {
  return { text: plain(o.label, 75), value: o.value };
}

const YES_NO = [
  { value: "yes", label: "Yes" },
  { value: "no", label: "No" },
];

// Block Kit's own inputs for e-mail and web addresses, which Slack checks as the person types. They take no
// max_length (the server checks the length), and a saved value Slack would not accept as their initial value (a
// draft saved half-typed) is shown in a plain text input instead, so nothing typed is lost.
const FORMAT_ELEMENTS = {
  email: { type: "email_text_input", fits: (v: string) => /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(v) },
  url: { type: "url_text_input", fits: (v: string) => /^https?:\/\/[^\s/]+\S*$/.test(v) },
} as const;

function inputElement(input: Input): Record<string, unknown> {
  const action_id = input.name;
  switch (input.kind) {
    case "text": {
      const own = input.format && !input.multiline ? FORMAT_ELEMENTS[input.format] : undefined;
      if (own && (!input.value || own.fits(input.value))) return { type: own.type, action_id, ...(input.value ? { initial_value: input.value } : {}) };
      return {
        type: "plain_text_input",
        action_id,
        multiline: Boolean(input.multiline),
        max_length: input.maxLength,
        ...(input.value ? { initial_value: clip(input.value, input.maxLength) } : {}),
      };
    }
    case "number":
      return {
        type: "number_input",
        action_id,
        is_decimal_allowed: false,
        min_value: String(input.min),
        max_value: String(input.max),
        ...(input.value !== undefined ? { initial_value: String(input.value) } : {}),
      };
    case "choice": {
      const initial = input.options.find((o) => o.value === input.value);
      return { type: "radio_buttons", action_id, options: input.options.map(option), ...(initial ? { initial_option: option(initial) } : {}) };
    }
    case "multi": {
      const initial = input.options.filter((o) => input.values?.includes(o.value));
      return { type: "checkboxes", action_id, options: input.options.map(option), ...(initial.length > 0 ? { initial_options: initial.map(option) } : {}) };
    }
    case "yesno": {
      const initial = input.value === undefined ? undefined : YES_NO[input.value ? 0 : 1];
      return { type: "radio_buttons", action_id, options: YES_NO.map(option), ...(initial ? { initial_option: option(initial) } : {}) };
    }
    case "date":
      return { type: "datepicker", action_id, ...(input.value ? { initial_date: input.value } : {}) };
  }
}

function inputBlock(input: Input): Record<string, unknown> {
  return {
    type: "input",
    block_id: input.name,
    label: plain(inputLabel(input), SLACK_LIMITS.label),
    optional: Boolean(input.optional),
    element: inputElement(input),
    ...(input.hint ? { hint: plain(input.hint, SLACK_LIMITS.label) } : {}),
  };
}

function render(blocks: Block[], max: number): Record<string, unknown>[] {
  const out = blocks.flatMap((b, i) => blocksFor(b, i));
  if (out.length <= max) return out;
  // Never exceed the block limit: cut, and say that something was cut.
  return [...out.slice(0, max - 1), { type: "context", block_id: "cut", elements: [plain(LABELS.cut)] }];
}

/** A message: blocks plus the notification fallback text. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** Renders a card as a Slack message. */
export function renderMessage(view: CardView): SlackMessage {
  return { text: clip(escapeMrkdwn(view.summary), SLACK_LIMITS.fallbackText), blocks: render(view.blocks, SLACK_LIMITS.messageBlocks) as unknown as KnownBlock[] };
}

/** Renders a card as App Home content (up to 100 blocks). */
export function renderHome(blocks: Block[]): View {
  return { type: "home", blocks: render(blocks, SLACK_LIMITS.modalBlocks) as unknown as KnownBlock[] };
}

/** What a modal carries through the round trip; ids only. */
export interface ModalMetadata {
  formId: FormView["formId"];
  applicationId?: number;
  action?: string;
  step?: number;
  /** Where the form was opened from, so refusals can be shown there. */
  channel?: string;
}

/**
 * Slack marks every optional input "(optional)", which would contradict "required if near water". So a field that a
 * "yes" makes required is shown only once "yes" is chosen (the yes/no input reports each change: dispatch_action),
 * and then as required, so Slack itself asks for it. `chosen` holds the yes/no answers picked in the open modal.
 */
function conditionalInputs(blocks: Block[], chosen: Readonly<Record<string, unknown>>): { blocks: Block[]; controllers: Set<string> } {
  const answered = new Map<string, boolean | undefined>();
  for (const b of blocks) if (b.type === "input" && b.input.kind === "yesno") answered.set(b.input.name, b.input.value);
  const controllers = new Set<string>();
  const out: Block[] = [];
  for (const b of blocks) {
    if (b.type !== "input" || b.input.kind !== "text" || !b.input.dependsOn || !answered.has(b.input.dependsOn)) {
      out.push(b);
      continue;
    }
    const on = b.input.dependsOn;
    controllers.add(on);
    const yes = on in chosen ? chosen[on] === "yes" : answered.get(on) === true;
    if (!yes && !b.error) continue;
    const { requiredWhen: _when, optional: _optional, ...input } = b.input;
    out.push({ ...b, input: yes ? input : b.input });
  }
  return { blocks: out, controllers };
}

/** Forms with more inputs than this offer their buttons (Save draft, Back) at the bottom as well as at the top. */
const LONG_FORM_INPUTS = 8;

/**
 * Renders a form as a modal. Errors on the fields shown come back with `response_action: "errors"`; a form that
 * carries them itself (every problem of a submission, across steps) shows each under its input. Save draft (and
 * Back on a later step) sit right under the first heading, so they are reachable without scrolling to the end.
 */
export function renderModal(form: FormView, meta: Omit<ModalMetadata, "formId"> = {}, notice?: string, chosen: Readonly<Record<string, unknown>> = {}): View {
  const metadata: ModalMetadata = { formId: form.formId, ...form.context, ...meta };
  const { blocks: shown, controllers } = conditionalInputs(form.blocks, chosen);
  const blocks = render(shown, SLACK_LIMITS.modalBlocks - 3).map((b) => (b.type === "input" && controllers.has(String(b.block_id)) ? { ...b, dispatch_action: true } : b));
  if (notice) blocks.unshift({ type: "context", block_id: "notice", elements: [plain(notice)] });
  const buttons = [
    ...(form.back ? [{ type: "button", action_id: "form.back", text: plain(`← ${form.back.label}`, SLACK_LIMITS.buttonText), value: "back" }] : []),
    ...(form.secondary ? [{ type: "button", action_id: `form.${form.secondary.id}`, text: plain(form.secondary.label, SLACK_LIMITS.buttonText), value: "draft" }] : []),
  ];
  if (buttons.length > 0) {
    const firstHeader = blocks.findIndex((b) => b.type === "header");
    const at = firstHeader === -1 ? 0 : firstHeader + (blocks[firstHeader + 1]?.type === "context" ? 2 : 1);
    blocks.splice(at, 0, { type: "actions", block_id: "form_actions_top", elements: buttons });
    if (form.blocks.filter((b) => b.type === "input").length > LONG_FORM_INPUTS) blocks.push({ type: "actions", block_id: "form_actions", elements: buttons });
  }
  return {
    type: "modal",
    callback_id: `form:${form.formId}`,
    title: plain(form.title, SLACK_LIMITS.modalTitle),
    submit: plain(form.submitLabel, SLACK_LIMITS.modalTitle),
    close: plain(LABELS.cancel, SLACK_LIMITS.modalTitle),
    private_metadata: JSON.stringify(metadata),
    blocks: blocks as unknown as KnownBlock[],
  };
}

/** Maps field errors to the modal's input blocks (block_id = field name); form-wide ones go to the first input. */
export function modalErrors(form: FormView, errors: Readonly<Record<string, string>>, fallback: string): Record<string, string> {
  const inputs = form.blocks.flatMap((b) => (b.type === "input" ? [b.input.name] : []));
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(errors)) if (inputs.includes(k)) out[k] = clip(v, 150);
  if (Object.keys(out).length === 0 && inputs[0]) out[inputs[0]] = clip(fallback, 150);
  return out;
}

/** Shows a card in a read-only modal (App Home has no ephemeral messages). */
export function renderCardModal(title: string, view: CardView): View {
  return {
    type: "modal",
    callback_id: "card",
    title: plain(title, SLACK_LIMITS.modalTitle),
    close: plain(LABELS.close, SLACK_LIMITS.modalTitle),
    blocks: render(view.blocks, SLACK_LIMITS.modalBlocks) as unknown as KnownBlock[],
  };
}
