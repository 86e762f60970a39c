import { ACTIVITIES, LIMITS, ORIGINS, SPONSOR_ROLES, type Draft, type FieldName } from "../domain/application.js";
import type { Block, FormView, Input, Option } from "./model.js";

const options = (o: Record<string, string>): Option[] => Object.entries(o).map(([value, label]) => ({ value, label }));

/** How each answer is asked; defined once, rendered by both platforms. */
export const FIELD_INPUTS: Record<FieldName, Input> = {
  proposedCity: { kind: "text", name: "proposedCity", label: "Proposed sister city", maxLength: LIMITS.name },
  country: { kind: "text", name: "country", label: "Country", maxLength: LIMITS.name },
  region: { kind: "text", name: "region", label: "Region, state or province", maxLength: LIMITS.name, optional: true },
  population: { kind: "number", name: "population", label: "Population of the proposed city", min: 1, max: LIMITS.maxPopulation },
  nearWater: { kind: "yesno", name: "nearWater", label: "Is it near water?" },
  waterBody: { kind: "text", name: "waterBody", label: "Which body of water?", maxLength: LIMITS.name, optional: true, requiredWhen: "if near water", dependsOn: "nearWater", hint: "Sea, bay, lake or river." },
  metropolis: { kind: "text", name: "metropolis", label: "Nearest large metropolis", maxLength: LIMITS.name },
  metropolisDistanceKm: { kind: "number", name: "metropolisDistanceKm", label: "Distance to that metropolis (km)", min: 0, max: LIMITS.maxDistanceKm },
  origins: { kind: "multi", name: "origins", label: "How did the relationship start?", options: options(ORIGINS) },
  originNote: { kind: "text", name: "originNote", label: "Tell the story", multiline: true, maxLength: LIMITS.note, optional: true },
  activities: { kind: "multi", name: "activities", label: "Planned activities", options: options(ACTIVITIES) },
  activityNote: { kind: "text", name: "activityNote", label: "About the activities", multiline: true, maxLength: LIMITS.note, optional: true },
  letterOfInterest: { kind: "yesno", name: "letterOfInterest", label: "Has the city sent a letter of interest?" },
  letterUrl: { kind: "text", name: "letterUrl", label: "Link to the letter", maxLength: LIMITS.url, format: "url", optional: true, requiredWhen: "if a letter was sent", dependsOn: "letterOfInterest", hint: "https://…" },
  sponsorRole: { kind: "choice", name: "sponsorRole", label: "You are applying as", options: options(SPONSOR_ROLES) },
  contactName: { kind: "text", name: "contactName", label: "Contact in the other city: name", maxLength: LIMITS.name },
  contactTitle: { kind: "text", name: "contactTitle", label: "Contact's title", maxLength: LIMITS.name, optional: true },
  contactEmail: { kind: "text", name: "contactEmail", label: "Contact's email", maxLength: LIMITS.email, format: "email" },
  communitySupport: {
    kind: "text",
    name: "communitySupport",
    label: "Community support",
    multiline: true,
    maxLength: LIMITS.longText,
    optional: true,
    hint: "Organisations and volunteers who will carry the relationship.",
  },
  firstYearPlan: { kind: "text", name: "firstYearPlan", label: "First-year plan", multiline: true, maxLength: LIMITS.longText },
  budgetUsd: { kind: "number", name: "budgetUsd", label: "Estimated first-year budget (USD)", min: 0, max: LIMITS.maxBudgetUsd },
  notes: { kind: "text", name: "notes", label: "Anything else", multiline: true, maxLength: LIMITS.longText, optional: true },
};

/** The form in steps, so a long form stays readable and each step can be saved as a draft. */
export const FORM_STEPS: { title: string; fields: FieldName[] }[] = [
  { title: "The city", fields: ["proposedCity", "country", "region", "population", "nearWater", "waterBody", "metropolis", "metropolisDistanceKm"] },
  { title: "The relationship", fields: ["origins", "originNote", "activities", "activityNote", "letterOfInterest", "letterUrl"] },
  { title: "People and plan", fields: ["sponsorRole", "contactName", "contactTitle", "contactEmail", "communitySupport", "firstYearPlan", "budgetUsd", "notes"] },
];

function withValue(input: Input, draft: Draft): Input {
  const v = draft[input.name as FieldName];
  if (v === undefined) return input;
  switch (input.kind) {
    case "multi":
      return { ...input, values: Array.isArray(v) ? v.map(String) : [] };
    case "yesno":
      return typeof v === "boolean" ? { ...input, value: v } : input;
    case "number":
      return typeof v === "number" ? { ...input, value: v } : input;
    default:
      return { ...input, value: String(v) } as Input;
  }
}

/** Values a person typed that failed validation, kept so the form shows them again instead of losing them. */
export type Typed = Partial<Record<FieldName, unknown>>;

/**
 * The application form. `step` undefined shows every section on one form (Slack modal, Teams dialog);
 * a number shows that step only (the in-chat card form for clients without dialogs).
 */
export function applicationForm(opts: { draft: Draft; errors?: Record<string, string>; applicationId?: number; step?: number; cityName: string }): FormView {
  const errors = opts.errors ?? {};
  const steps = opts.step === undefined ? FORM_STEPS.map((s, i) => ({ ...s, i })) : [{ ...FORM_STEPS[opts.step]!, i: opts.step }];
  const blocks: Block[] = [];
  if (opts.step === undefined)
    blocks.push({ type: "text", text: `Propose a Sister City for ${opts.cityName}. Fields marked optional may stay empty; you can save a draft at any time.`, small: true });
  if (errors._form) blocks.push({ type: "text", text: errors._form, tone: "attention" });
  for (const step of steps) {
    blocks.push({ type: "header", text: `${step.i + 1}. ${step.title}` });
    if (opts.step !== undefined)
      blocks.push({ type: "text", text: `Step ${step.i + 1} of ${FORM_STEPS.length}. Each step is saved as a draft when you go on; Submit on the last step sends it.`, small: true });
    for (const name of step.fields) {
      const input = withValue(FIELD_INPUTS[name], opts.draft);
      blocks.push(errors[name] ? { type: "input", input, error: errors[name] } : { type: "input", input });
    }
  }
  const last = opts.step === undefined || opts.step === FORM_STEPS.length - 1;
  return {
    kind: "form",
    formId: "application",
    title: "Sister City application",
    submitLabel: last ? "Submit" : "Next",
    context: { ...(opts.applicationId !== undefined ? { applicationId: opts.applicationId } : {}), ...(opts.step !== undefined ? { step: opts.step } : {}) },
    blocks,
    secondary: { id: "save_draft", label: "Save draft" },
    ...(opts.step !== undefined && opts.step > 0 ? { back: { label: "Back" } } : {}),
  };
}

/** The line above a refused submission: how many answers need fixing (each one is marked at its field). */
export function submissionRefusal(problems: Record<string, string>): string {
  const n = Object.keys(problems).filter((k) => k !== "_form").length;
  if (n === 0) return `The application is not complete yet: ${problems._form ?? "check the answers"}`;
  return `The application is not complete yet: ${n === 1 ? "one answer needs" : `${n} answers need`} fixing; see the marked field${n === 1 ? "" : "s"}.`;
}

/**
 * Turns raw form values (strings from Slack/Teams inputs) into draft answers: empty means "not answered",
 * "yes"/"no" become booleans, a comma-joined multi-select becomes a list. Validation happens in the domain.
 */
export function answersFromForm(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(raw)) {
    const input = FIELD_INPUTS[name as FieldName];
    if (!input) {
      out[name] = value; // unknown names are left for the strict schema to refuse
      continue;
    }
    if (value === undefined || value === null || value === "") continue;
    switch (input.kind) {
      case "yesno":
        out[name] = value === true || value === "yes" ? true : value === false || value === "no" ? false : value;
        break;
      case "multi":
        out[name] = Array.isArray(value) ? value : typeof value === "string" ? value.split(",").filter((s) => s !== "") : value;
        break;
      case "number":
        out[name] = typeof value === "string" ? value.trim().replace(/[,\s_]/g, "") : value;
        break;
      default:
        out[name] = value;
    }
  }
  return out;
}
