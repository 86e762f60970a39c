import { answerFields, fieldErrorsOf, type Draft, type FieldName } from "../domain/application.js";
import { DomainError } from "../domain/errors.js";

/**
 * Merges answers from a form into the stored draft, keeping every well-formed answer and collecting a message for
 * each malformed one (all of them, not the first). Fields the form showed but left empty are cleared (the person
 * deleted them); fields it did not show keep their stored value; a malformed answer leaves the stored one as it was.
 */
export function collectAnswers(stored: Draft, raw: Record<string, unknown>, shownFields?: readonly FieldName[]): { draft: Draft; errors: Record<string, string> } {
  const next: Record<string, unknown> = { ...stored };
  const errors: Record<string, string> = {};
  for (const f of shownFields ?? []) delete next[f];
  const unknown: string[] = [];
  for (const [k, v] of Object.entries(raw)) {
    if (!Object.hasOwn(answerFields, k)) {
      unknown.push(k);
      continue;
    }
    const parsed = answerFields[k as FieldName].safeParse(v);
    if (!parsed.success) {
      errors[k] = Object.values(fieldErrorsOf(parsed.error))[0] ?? "This answer is not valid.";
      continue;
    }
    // Empty text means "not answered"; keep drafts free of empty strings so required checks stay simple.
    const value: unknown = parsed.data;
    if (value === "" || value === undefined || (Array.isArray(value) && value.length === 0)) delete next[k];
    else next[k] = value;
  }
  if (unknown.length > 0) errors._form = `Unknown field(s): ${unknown.join(", ")}.`;
  return { draft: next as Draft, errors };
}

/** Like collectAnswers, for a draft: any malformed answer refuses the whole save, naming every such field. */
export function mergeAnswers(stored: Draft, raw: Record<string, unknown>, shownFields?: readonly FieldName[]): Draft {
  const { draft, errors } = collectAnswers(stored, raw, shownFields);
  if (Object.keys(errors).length > 0) throw new DomainError("invalid_input", "Some answers need fixing; see the marked fields.", errors);
  return draft;
}
