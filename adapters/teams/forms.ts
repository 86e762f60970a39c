// The forms the Teams adapter shows (application form, reason / council / agreement forms), in a dialog or in the
// chat. Opening and submitting go through the use cases; this file only maps form ids to them.
import { castVote } from "../../src/app/cast-vote.js";
import type { AppContext } from "../../src/app/context.js";
import { recordAgreement } from "../../src/app/record-agreement.js";
import { recordCouncilDecision } from "../../src/app/record-council-decision.js";
import { reviewIntake } from "../../src/app/review-intake.js";
import { saveDraft } from "../../src/app/save-draft.js";
import { scheduleCouncil } from "../../src/app/schedule-council.js";
import { scheduleMeeting } from "../../src/app/schedule-meeting.js";
import { startApplication } from "../../src/app/start-application.js";
import { submitApplication } from "../../src/app/submit-application.js";
import type { FieldName } from "../../src/domain/application.js";
import type { Actor } from "../../src/domain/actors.js";
import { isDomainError } from "../../src/domain/errors.js";
import { applicationNumber } from "../../src/domain/status.js";
import { formatDate, formatDateTime } from "../../src/views/application-summary.js";
import { answersFromForm, FORM_STEPS } from "../../src/views/application-form.js";
import type { ActionId, Block, FormId, FormView, Input } from "../../src/views/model.js";
import { agreementForm, councilDateForm, councilDecisionForm, meetingForm, reasonForm } from "../../src/views/small-forms.js";

/** Which form, and the ids it works on; carried in button data through every round trip. */
export interface FormRequest {
  formId: FormId;
  action?: ActionId;
  applicationId?: number;
  step?: number;
}

/** What to show next: the form (again, with messages and the typed values), a closing message, or a refusal. */
export type FormOutcome = { kind: "form"; form: FormView } | { kind: "done"; message: string } | { kind: "refused"; message: string };

/** The form each "asks for input" button opens. */
export const FORM_FOR_ACTION: Partial<Record<ActionId, FormId>> = {
  "intake.return": "reason",
  "intake.reject": "reason",
  "vote.recuse": "recuse",
  "council.schedule": "council_date",
  "council.record": "council",
  "agreement.record": "agreement",
  "meeting.schedule": "meeting",
  "app.edit": "application",
};

// Keys the adapter puts in button data; everything else in submitted data is what the person entered.
const ID_KEYS = new Set(["formId", "action", "applicationId", "step", "intent", "msteams"]);
const ALL_FIELDS = FORM_STEPS.flatMap((s) => s.fields);

const positiveInt = (v: unknown): number | undefined => {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
};

/** Reads the form ids from button data (the ids only; values are read separately). */
export function formRequestOf(data: Record<string, unknown>): FormRequest | null {
  const action = typeof data.action === "string" ? (data.action as ActionId) : undefined;
  const formId = (typeof data.formId === "string" ? data.formId : action ? FORM_FOR_ACTION[action] : undefined) as FormId | undefined;
  if (!formId) return null;
  const applicationId = positiveInt(data.applicationId);
  const step = positiveInt(data.step);
  return { formId, ...(action ? { action } : {}), ...(applicationId ? { applicationId } : {}), ...(step !== undefined && step < FORM_STEPS.length ? { step } : {}) };
}

/** The values a person entered, without the adapter's ids. */
export function enteredValues(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([k]) => !ID_KEYS.has(k)));
}

function typed(input: Input, v: unknown): Input {
  if (v === undefined || v === null) return input;
  const s = Array.isArray(v) ? v.join(",") : String(v);
  switch (input.kind) {
    case "number": {
      const n = Number(s.trim().replace(/[,\s_]/g, ""));
      const { value: _drop, ...rest } = input;
      return s.trim() !== "" && Number.isFinite(n) ? { ...rest, value: n } : rest;
    }
    case "multi":
      return { ...input, values: s.split(",").filter((x) => x !== "") };
    case "yesno": {
      const { value: _drop, ...rest } = input;
      return s === "yes" || s === "true" ? { ...rest, value: true } : s === "no" || s === "false" ? { ...rest, value: false } : rest;
    }
    case "choice":
      return s === "" ? input : { ...input, value: s };
    default:
      return { ...input, value: s };
  }
}

/** The form again with the server's messages next to each field and what the person typed kept in place. */
export function withFeedback(form: FormView, errors: Readonly<Record<string, string>>, entered: Record<string, unknown>): FormView {
  const blocks: Block[] = errors._form ? [{ type: "text", text: errors._form, tone: "attention" }] : [];
  for (const b of form.blocks) {
    if (b.type !== "input") {
      blocks.push(b);
      continue;
    }
    const input = typed(b.input, entered[b.input.name]);
    const error = errors[b.input.name];
    blocks.push(error ? { type: "input", input, error } : { type: "input", input });
  }
  return { ...form, blocks };
}

/** The empty (or prefilled) form for a request. */
export async function openForm(ctx: AppContext, actor: Actor, req: FormRequest): Promise<FormOutcome> {
  const id = req.applicationId;
  try {
    if (req.formId === "application")
      return { kind: "form", form: await startApplication(ctx, { actor, ...(id ? { applicationId: id } : {}), ...(req.step !== undefined ? { step: req.step } : {}) }) };
    if (!id) return { kind: "refused", message: "That form needs an application number." };
    if (req.formId === "council_date") return { kind: "form", form: councilDateForm(id) };
    if (req.formId === "council") return { kind: "form", form: councilDecisionForm(id) };
    if (req.formId === "agreement") return { kind: "form", form: agreementForm(id) };
    if (req.formId === "meeting") return { kind: "form", form: meetingForm(id) };
    return { kind: "form", form: reasonForm(req.action ?? (req.formId === "recuse" ? "vote.recuse" : "intake.return"), id) };
  } catch (e) {
    if (isDomainError(e)) return { kind: "refused", message: e.userMessage };
    throw e;
  }
}

async function applicationOutcome(ctx: AppContext, actor: Actor, req: FormRequest, intent: "submit" | "save_draft", entered: Record<string, unknown>): Promise<FormOutcome> {
  const answers = answersFromForm(entered);
  const step = req.step;
  const shownFields: FieldName[] = step === undefined ? ALL_FIELDS : FORM_STEPS[step]!.fields;
  const idOf = (id?: number) => (id ? { applicationId: id } : {});
  if (intent === "save_draft") {
    const saved = await saveDraft(ctx, { actor, ...idOf(req.applicationId), answers, shownFields });
    return { kind: "done", message: `Draft ${saved.number} saved. Say "status ${saved.number}" and press Edit to go on.` };
  }
  if (step === undefined) {
    const sub = await submitApplication(ctx, { actor, ...idOf(req.applicationId), answers, shownFields });
    return { kind: "done", message: `Application ${sub.number} submitted. ${sub.warnings.join(" ")}`.trim() };
  }
  // In the chat each step is saved as a draft, and the last one submits the whole draft.
  const saved = await saveDraft(ctx, { actor, ...idOf(req.applicationId), answers, shownFields });
  if (step < FORM_STEPS.length - 1) return { kind: "form", form: await startApplication(ctx, { actor, applicationId: saved.id, step: step + 1 }) };
  try {
    const sub = await submitApplication(ctx, { actor, applicationId: saved.id, answers: {} });
    return { kind: "done", message: `Application ${sub.number} submitted. ${sub.warnings.join(" ")}`.trim() };
  } catch (e) {
    if (!isDomainError(e) || Object.keys(e.fieldErrors).length === 0) throw e;
    // Show the first step that has a problem; its answers come from the saved draft.
    const first = FORM_STEPS.findIndex((s) => s.fields.some((f) => f in e.fieldErrors));
    const form = await startApplication(ctx, { actor, applicationId: saved.id, step: first === -1 ? step : first });
    return { kind: "form", form: withFeedback(form, { _form: e.userMessage, ...e.fieldErrors }, {}) };
  }
}

async function smallFormOutcome(ctx: AppContext, actor: Actor, req: FormRequest & { applicationId: number }, entered: Record<string, unknown>): Promise<FormOutcome> {
  const applicationId = req.applicationId;
  const number = applicationNumber(applicationId);
  const text = (k: string) => (typeof entered[k] === "string" ? (entered[k] as string) : "");
  switch (req.formId) {
    case "recuse":
      await castVote(ctx, { actor, applicationId, choice: "recuse", reason: text("reason"), source: "button" });
      return { kind: "done", message: `Your recusal from the vote on ${number} is recorded, with your reason.` };
    case "reason": {
      const decision = req.action === "intake.reject" ? "reject" : "return";
      await reviewIntake(ctx, { actor, applicationId, decision, reason: text("reason") });
      return { kind: "done", message: decision === "reject" ? `${number} rejected; the applicant is told why.` : `${number} returned to the applicant with your note.` };
    }
    case "council_date": {
      const { meetingDate } = await scheduleCouncil(ctx, { actor, applicationId, meetingDate: text("meetingDate") });
      return { kind: "done", message: `${number} is on the City Council agenda for ${formatDate(meetingDate, "UTC")}.` };
    }
    case "council":
      await recordCouncilDecision(ctx, { actor, applicationId, form: entered });
      return { kind: "done", message: `City Council's decision on ${number} is recorded.` };
    case "agreement":
      await recordAgreement(ctx, { actor, applicationId, form: entered });
      return { kind: "done", message: `The signed agreement for ${number} is recorded.` };
    case "meeting": {
      const { meetingAt, warning } = await scheduleMeeting(ctx, { actor, applicationId, form: entered });
      return { kind: "done", message: `${number} is on the agenda of the commission meeting on ${formatDateTime(meetingAt, ctx.policy.city.timeZone)}.${warning ? ` ⚠ ${warning}` : ""}` };
    }
    default:
      return { kind: "refused", message: "That form is not known." };
  }
}

/**
 * Submits a form. Bad answers come back as the same form with a message at each field and the typed values kept;
 * nothing is stored then. A refusal (wrong person, wrong status) comes back as a message.
 */
export async function submitForm(ctx: AppContext, actor: Actor, req: FormRequest, intent: "submit" | "save_draft", data: Record<string, unknown>): Promise<FormOutcome> {
  const entered = enteredValues(data);
  try {
    if (req.formId === "application") return await applicationOutcome(ctx, actor, req, intent, entered);
    if (!req.applicationId) return { kind: "refused", message: "That form needs an application number." };
    return await smallFormOutcome(ctx, actor, { ...req, applicationId: req.applicationId }, entered);
  } catch (e) {
    if (!isDomainError(e)) throw e;
    if (Object.keys(e.fieldErrors).length === 0) return { kind: "refused", message: e.userMessage };
    const again = await openForm(ctx, actor, req);
    if (again.kind !== "form") return again;
    return { kind: "form", form: withFeedback(again.form, { ...e.fieldErrors, ...(e.fieldErrors._form ? {} : { _form: e.userMessage }) }, entered) };
  }
}
