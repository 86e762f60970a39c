// The subset of Adaptive Card 1.5 this adapter emits. Teams renders schema 1.5 at most, and the SDK's own card
// types describe newer versions, so the renderer is typed against this narrower shape instead.

/** Text colours the renderer uses. */
export type AcColor = "default" | "good" | "attention" | "warning" | "accent";

/** Text; `text` is markdown, so it is always escaped first. */
export interface AcTextBlock {
  type: "TextBlock";
  text: string;
  wrap: true;
  size?: "small" | "default" | "medium" | "large";
  weight?: "bolder";
  color?: AcColor;
  isSubtle?: boolean;
  separator?: boolean;
  spacing?: "none" | "small" | "medium";
  style?: "heading";
}

/** Label/value pairs (the view's "fields"). */
export interface AcFactSet {
  type: "FactSet";
  facts: { title: string; value: string }[];
  separator?: boolean;
}

/** A group of elements (the checklist). */
export interface AcContainer {
  type: "Container";
  items: AcElement[];
  separator?: boolean;
}

/** Buttons inside the body, where the view puts them. */
export interface AcActionSet {
  type: "ActionSet";
  actions: (AcAction | AcOpenUrl)[];
  separator?: boolean;
}

interface AcInputBase {
  id: string;
  label: string;
  isRequired?: boolean;
  errorMessage?: string;
  separator?: boolean;
}

/** The inputs forms use; `id` is the field name, `label` is shown above the input. */
export type AcInput =
  | (AcInputBase & { type: "Input.Text"; value?: string; maxLength?: number; isMultiline?: boolean; placeholder?: string })
  | (AcInputBase & { type: "Input.Number"; value?: number; min?: number; max?: number; placeholder?: string })
  | (AcInputBase & {
      type: "Input.ChoiceSet";
      choices: { title: string; value: string }[];
      value?: string;
      isMultiSelect?: boolean;
      style?: "compact" | "expanded";
      placeholder?: string;
      wrap?: boolean;
    })
  | (AcInputBase & { type: "Input.Date"; value?: string; placeholder?: string });

/** Any element of a card body. */
export type AcElement = AcTextBlock | AcFactSet | AcContainer | AcActionSet | AcInput;

/** Hidden data a button carries: ids only, never content. */
export type AcData = Record<string, string | number | boolean | { type: string }>;

interface AcActionBase {
  title: string;
  data: AcData;
  style?: "positive" | "destructive";
  associatedInputs?: "auto" | "none";
}

/** Universal Action: Teams sends an `adaptiveCard/action` invoke with this verb. */
export type AcExecute = AcActionBase & { type: "Action.Execute"; verb: string };
/** Used where Teams needs it: inside dialogs (task/submit) and for opening a dialog (msteams task/fetch). */
export type AcSubmit = AcActionBase & { type: "Action.Submit" };
/** Any button. */
/** Opens a link in the browser (used for downloads the bot serves). */
export type AcOpenUrl = { type: "Action.OpenUrl"; title: string; url: string };

export type AcAction = AcExecute | AcSubmit;

/** A complete card as sent to Teams. */
export interface AdaptiveCard {
  type: "AdaptiveCard";
  $schema: "http://adaptivecards.io/schemas/adaptive-card.json";
  version: "1.5";
  body: AcElement[];
  actions?: AcAction[];
  fallbackText?: string;
  /** Universal Actions refresh: the clients of `userIds` (at most 60) ask the bot for their own copy of the card. */
  refresh?: { action: AcExecute; userIds: string[] };
}

/** The attachment content type Teams expects for Adaptive Cards. */
export const ADAPTIVE_CARD_TYPE = "application/vnd.microsoft.card.adaptive";
