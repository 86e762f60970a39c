// Neutral view tree → Adaptive Card 1.5. Translation only: what to show is decided in src/views.
import { LABELS } from "../../src/views/labels.js";
import { clip, inputLabel, type Block, type Button, type CardView, type FormView, type Input, type Tone } from "../../src/views/model.js";
import type { AcAction, AcColor, AcData, AcElement, AcInput, AdaptiveCard } from "./adaptive-card.js";
import { escapeMarkdown } from "./markdown.js";

/** Verbs of the in-chat form buttons (not ActionIds: they drive the form itself). */
export const FORM_VERBS = { submit: "form.submit", saveDraft: "form.save_draft", cancel: "form.cancel" } as const;

/** Verbs of the card's own round trips: a person's own copy of a card (refresh), and "are you sure?" before a button. */
export const CARD_VERBS = { refresh: "card.refresh", confirm: "card.confirm" } as const;

/** Teams shows per-user card views to at most this many people (Universal Actions `refresh.userIds`). */
export const REFRESH_MAX_USERS = 60;

/** The `msteams` marker that makes Teams open a dialog (task/fetch) instead of posting the button's data. */
export const TASK_FETCH = { type: "task/fetch" } as const;

const TONE_COLOR: Record<Tone, AcColor | undefined> = { default: undefined, good: "good", attention: "attention", warning: "warning" };
const CHECK_MARK = { met: "✅", not_met: "❌", unknown: "❔" } as const;

function card(body: AcElement[], fallbackText: string, actions?: AcAction[]): AdaptiveCard {
  return {
    type: "AdaptiveCard",
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    version: "1.5",
    body,
    ...(actions && actions.length > 0 ? { actions } : {}),
    fallbackText,
  };
}

/**
 * A button. Most are Universal Actions (verb = ActionId, data = the application id). One that first asks for more
 * (a reason, a date) opens a dialog, which Teams only does from Action.Submit with the msteams task/fetch marker.
 */
export function renderButton(b: Button): AcAction {
  const style: AcAction["style"] = b.style === "primary" ? "positive" : b.style === "danger" ? "destructive" : undefined;
  const common: Pick<AcAction, "title" | "style"> = { title: b.label, ...(style ? { style } : {}) };
  // app.edit opens the step-by-step form in the chat, which works in every client (the Agents Playground has no
  // dialogs); that card then offers the one-page dialog.
  if ((b.asksForInput && b.action !== "app.edit") || b.panel)
    return { type: "Action.Submit", ...common, data: { msteams: TASK_FETCH, action: b.action, applicationId: b.applicationId } };
  // A button that asks first: the press brings the question (renderConfirm), whose yes runs the action.
  if (b.confirm) return { type: "Action.Execute", ...common, verb: CARD_VERBS.confirm, data: { action: b.action, applicationId: b.applicationId } };
  return { type: "Action.Execute", ...common, verb: b.action, data: { applicationId: b.applicationId } };
}

function text(t: string, opts: { tone?: Tone; small?: boolean } = {}): AcElement {
  const color = TONE_COLOR[opts.tone ?? "default"];
  return {
    type: "TextBlock",
    text: escapeMarkdown(t),
    wrap: true,
    ...(color ? { color } : {}),
    ...(opts.small ? { size: "small" as const, isSubtle: true } : {}),
  };
}

function renderInput(input: Input, requireInputs: boolean): AcInput {
  const base = {
    id: input.name,
    label: input.kind === "text" && input.requiredWhen ? inputLabel(input) : input.optional ? `${input.label} (optional)` : input.label,
    ...(requireInputs && !input.optional ? { isRequired: true } : {}),
  };
  const placeholder = input.hint ? { placeholder: input.hint } : {};
  switch (input.kind) {
    case "text":
      return {
        ...base,
        type: "Input.Text",
        maxLength: input.maxLength,
        ...(input.multiline ? { isMultiline: true } : {}),
        // The client's e-mail and web-address keyboards and hints; the server checks the value either way.
        ...(input.format ? { style: input.format === "email" ? "Email" : "Url" } : {}),
        ...placeholder,
        ...(input.value !== undefined ? { value: input.value } : {}),
      };
    case "number":
      return { ...base, type: "Input.Number", min: input.min, max: input.max, ...placeholder, ...(input.value !== undefined ? { value: input.value } : {}) };
    case "date":
      return { ...base, type: "Input.Date", ...placeholder, ...(input.value ? { value: input.value } : {}) };
    case "choice":
      return {
        ...base,
        type: "Input.ChoiceSet",
        style: "compact",
        choices: input.options.map((o) => ({ title: o.label, value: o.value })),
        placeholder: input.hint ?? "Choose…",
        ...(input.value ? { value: input.value } : {}),
      };
    case "multi":
      return {
        ...base,
        type: "Input.ChoiceSet",
        isMultiSelect: true,
        style: "expanded",
        wrap: true,
        choices: input.options.map((o) => ({ title: o.label, value: o.value })),
        ...(input.values && input.values.length > 0 ? { value: input.values.join(",") } : {}),
      };
    case "yesno":
      // Not a toggle: a toggle is always "no" until touched, and an unanswered question must stay unanswered.
      return {
        ...base,
        type: "Input.ChoiceSet",
        style: "expanded",
        choices: [
          { title: "Yes", value: "yes" },
          { title: "No", value: "no" },
        ],
        ...(input.value !== undefined ? { value: input.value ? "yes" : "no" } : {}),
      };
  }
}

function renderBlocks(blocks: Block[], requireInputs: boolean): AcElement[] {
  const out: AcElement[] = [];
  let separate = false;
  const push = (e: AcElement) => {
    out.push(separate ? { ...e, separator: true } : e);
    separate = false;
  };
  for (const b of blocks) {
    switch (b.type) {
      case "header":
        push({ type: "TextBlock", text: escapeMarkdown(b.text), wrap: true, size: "medium", weight: "bolder" });
        break;
      case "text":
        push(text(b.text, { ...(b.tone ? { tone: b.tone } : {}), ...(b.small ? { small: true } : {}) }));
        break;
      case "fields":
        push({ type: "FactSet", facts: b.fields.map((f) => ({ title: escapeMarkdown(f.label), value: escapeMarkdown(f.value || "—") })) });
        break;
      case "checklist":
        push({
          type: "Container",
          items: b.items.map((i) => ({ type: "TextBlock", text: `${CHECK_MARK[i.state]} ${escapeMarkdown(`${i.label}: ${i.detail}`)}`, wrap: true, spacing: "small" })),
        });
        break;
      case "divider":
        separate = true;
        break;
      case "actions":
        // Buttons for some people only are left out of the shared card; those people get them in their own copy.
        if (b.onlyFor) break;
        if (b.buttons.length === 0) break;
        if (b.intro) push(text(b.intro, { small: true }));
        push({ type: "ActionSet", actions: b.buttons.map(renderButton) });
        break;
      case "links":
        if (b.links.length > 0) push({ type: "ActionSet", actions: b.links.map((l) => ({ type: "Action.OpenUrl", title: l.label, url: l.url })) });
        break;
      case "input":
        push(renderInput(b.input, requireInputs));
        // The server's message is shown once, as a red line under the input. Not also as the input's errorMessage:
        // Teams shows that only after its own validation fails, and then the message would appear twice.
        if (b.error) out.push({ type: "TextBlock", text: escapeMarkdown(b.error), wrap: true, color: "attention", size: "small", spacing: "none" });
        break;
    }
  }
  return out;
}

// Teams refuses a message over about 28 KB, card and envelope together. Escaping can double text made of markdown
// characters and JSON adds more, so a card is measured after rendering, not before.
const CARD_BUDGET_BYTES = 24_000;

/** The view with its longest text block shortened, by at least a tenth, toward `overBytes` fewer bytes. */
function shortenLongestText(view: CardView, overBytes: number): CardView | null {
  let longest = -1;
  let length = 0;
  view.blocks.forEach((b, i) => {
    if (b.type === "text" && b.text.length > length) [longest, length] = [i, b.text.length];
  });
  const b = view.blocks[longest];
  if (!b || b.type !== "text" || b.text.length < 40) return null;
  // One character costs up to three bytes once escaped and JSON-encoded.
  const max = Math.min(b.text.length - Math.ceil(overBytes / 3), Math.floor(b.text.length * 0.9));
  return { ...view, blocks: view.blocks.map((x, i) => (i === longest ? { ...b, text: clip(b.text, Math.max(20, max)) } : x)) };
}

/**
 * Who gets their own copy of the card: the Teams ids of the people some of its buttons are for. Their clients ask for
 * it (`refresh`, an `adaptiveCard/action` invoke), and the bot answers with the card as that person sees it.
 */
function refreshFor(view: CardView): AdaptiveCard["refresh"] | undefined {
  const ids = new Set<string>();
  for (const b of view.blocks) if (b.type === "actions" && b.onlyFor) for (const v of b.onlyFor) if (v.ids.teams) ids.add(v.ids.teams);
  if (ids.size === 0) return undefined;
  return { action: { type: "Action.Execute", title: "Refresh", verb: CARD_VERBS.refresh, data: {} }, userIds: [...ids].slice(0, REFRESH_MAX_USERS) };
}

/** A message card, kept inside Teams' message size by shortening its longest texts when needed. */
export function renderCard(view: CardView): AdaptiveCard {
  let current = view;
  const refresh = refreshFor(view);
  for (;;) {
    const rendered = { ...card(renderBlocks(current.blocks, false), current.summary), ...(refresh ? { refresh } : {}) };
    const over = Buffer.byteLength(JSON.stringify(rendered)) - CARD_BUDGET_BYTES;
    const shorter = over > 0 ? shortenLongestText(current, over) : null;
    if (!shorter) return rendered;
    current = shorter;
  }
}

/** How a form is shown: inside a Teams dialog, or as a card in the conversation (clients without dialogs). */
export type FormMode = "dialog" | "chat";

/**
 * A form. In a dialog its buttons are Action.Submit (Teams answers with task/submit); in the chat they are
 * Universal Actions, so the card is replaced in place step by step. Button data carries only the form's ids.
 */
export function renderForm(form: FormView, opts: { mode: FormMode; offerDialog?: boolean }): AdaptiveCard {
  const ids: AcData = { formId: form.formId, ...form.context };
  // The small forms have no draft, so the client may check required answers before sending.
  const requireInputs = form.formId !== "application";
  const body = renderBlocks(form.blocks, requireInputs);
  const actions: AcAction[] = [];
  if (opts.mode === "dialog") {
    actions.push({ type: "Action.Submit", title: form.submitLabel, style: "positive", data: { ...ids, intent: "submit" } });
    if (form.secondary) actions.push({ type: "Action.Submit", title: form.secondary.label, data: { ...ids, intent: form.secondary.id } });
    return card(body, form.title, actions);
  }
  body.unshift({ type: "TextBlock", text: escapeMarkdown(form.title), wrap: true, size: "medium", weight: "bolder" });
  actions.push({ type: "Action.Execute", title: form.submitLabel, style: "positive", verb: FORM_VERBS.submit, data: ids });
  if (form.secondary) actions.push({ type: "Action.Execute", title: form.secondary.label, verb: FORM_VERBS.saveDraft, data: ids });
  if (opts.offerDialog)
    actions.push({
      type: "Action.Submit",
      title: LABELS.openAsOneForm,
      associatedInputs: "none",
      data: { msteams: TASK_FETCH, formId: form.formId, ...(form.context.applicationId !== undefined ? { applicationId: form.context.applicationId } : {}) },
    });
  if (form.formId !== "application") actions.push({ type: "Action.Execute", title: LABELS.cancel, verb: FORM_VERBS.cancel, associatedInputs: "none", data: ids });
  return card(body, form.title, actions);
}

/** "Are you sure?" for a button that asks first: yes runs it, no shows the card again. Ids only in the data. */
export function renderConfirm(b: Button): AdaptiveCard {
  const c = b.confirm!;
  return card(
    [
      { type: "TextBlock", text: escapeMarkdown(c.title), wrap: true, size: "medium", weight: "bolder" },
      { type: "TextBlock", text: escapeMarkdown(c.text), wrap: true },
    ],
    c.title,
    [
      { type: "Action.Execute", title: c.yes, verb: b.action, data: { applicationId: b.applicationId }, ...(b.style === "danger" ? { style: "destructive" as const } : {}) },
      { type: "Action.Execute", title: c.no, verb: CARD_VERBS.refresh, data: { applicationId: b.applicationId } },
    ],
  );
}
