import { draftSchema, fieldErrorsOf, type Draft, type FieldName } from "../domain/application.js";
import { DomainError } from "../domain/errors.js";

/**
 * Validates answers from a form and merges them into the stored draft. Fields the form showed but left empty are
 * cleared (the person deleted them); fields it did not show keep their stored value.
 */
export function mergeAnswers(stored: Draft, raw: Record<string, unknown>, shownFields?: readonly FieldName[]): Draft {
  const parsed = draftSchema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    throw new DomainError("invalid_input", "Some answers need fixing; see the marked fields.", fieldErrors);
  }
  const next: Record<string, unknown> = { ...stored };
  for (const f of shownFields ?? []) delete next[f];
  for (const [k, v] of Object.entries(parsed.data)) {
    // Empty text means "not answered"; keep drafts free of empty strings so required checks stay simple.
    if (v === "" || (Array.isArray(v) && v.length === 0)) delete next[k];
    else next[k] = v;
  }
  return next as Draft;
}
