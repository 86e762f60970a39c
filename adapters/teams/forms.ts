// The ids a Teams form carries in its button data (form, button, application, section), read back on every round
// trip. What a form does is the core's business; this file only separates the ids from what the person entered.
import { ACTION_IDS, formOpenedBy, type FormContext } from "../../src/inbound/port.js";
import { FORM_STEPS } from "../../src/views/application-form.js";
import type { ActionId, FormId } from "../../src/views/model.js";

/** Which form, and the ids it works on; carried in button data through every round trip. */
export interface FormRequest extends FormContext {
  formId: string;
}

/** The form each "asks for input" button opens (the core's table, for opening dialogs client-side). */
export const FORM_FOR_ACTION: Partial<Record<ActionId, FormId>> = Object.fromEntries(
  ACTION_IDS.flatMap((a) => {
    const f = formOpenedBy(a);
    return f ? [[a, f]] : [];
  }),
);

// Keys the adapter puts in button data; everything else in submitted data is what the person entered.
const ID_KEYS = new Set(["formId", "action", "applicationId", "step", "intent", "msteams"]);

const positiveInt = (v: unknown): number | undefined => {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
};

/** Reads the form ids from button data (the ids only; values are read separately). */
export function formRequestOf(data: Record<string, unknown>): FormRequest | null {
  const action = typeof data.action === "string" ? data.action : undefined;
  const formId = typeof data.formId === "string" ? data.formId : action ? formOpenedBy(action) : undefined;
  if (!formId) return null;
  const applicationId = positiveInt(data.applicationId);
  const step = positiveInt(data.step);
  return { formId, ...(action ? { action } : {}), ...(applicationId ? { applicationId } : {}), ...(step !== undefined && step < FORM_STEPS.length ? { step } : {}) };
}

/** The ids of a request without the form id: the context the core carries. */
export function contextOf(req: FormRequest): FormContext {
  const { formId: _formId, ...context } = req;
  return context;
}

/** The values a person entered, without the adapter's ids. */
export function enteredValues(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([k]) => !ID_KEYS.has(k)));
}
