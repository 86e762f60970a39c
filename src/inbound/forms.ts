// What every form does, once for every platform: which form opens, and which use case a submission runs. Typed by
// FormId, so a form added to the views without a handler fails `npm run typecheck`.
import type { Actor } from "../domain/actors.js";
import type { FieldName } from "../domain/application.js";
import { isDomainError } from "../domain/errors.js";
import type { Action } from "../domain/status.js";
import type { AppContext } from "../app/context.js";
import { castVote } from "../app/cast-vote.js";
import { checkStep } from "../app/check-step.js";
import { recordAgreement } from "../app/record-agreement.js";
import { recordCouncilDecision } from "../app/record-council-decision.js";
import { reviewIntake } from "../app/review-intake.js";
import { saveDraft } from "../app/save-draft.js";
import { scheduleCouncil } from "../app/schedule-council.js";
import { scheduleMeeting } from "../app/schedule-meeting.js";
import { startApplication } from "../app/start-application.js";
import { submitApplication } from "../app/submit-application.js";
import { answersFromForm, FORM_STEPS } from "../views/application-form.js";
import type { Block, FormId, FormView, Input } from "../views/model.js";
import { replies } from "../views/replies.js";
import { agreementForm, councilDateForm, councilDecisionForm, meetingForm, reasonForm } from "../views/small-forms.js";
import type { FormContext } from "./events.js";

const ALL_FIELDS: FieldName[] = FORM_STEPS.flatMap((s) => s.fields);

/** What a submission ended in: a closing message (and a notice worth showing on its own), or the next section. */
export type Submitted = { kind: "done"; message: string; notice?: string; applicationId?: number } | { kind: "next"; form: FormView };

/** One form: the step its submission takes (checked before it opens), how it opens, and what submitting it does. */
export interface FormHandler {
  step(context: FormContext): Action;
  open(ctx: AppContext, actor: Actor, context: FormContext & { applicationId: number }): Promise<FormView>;
  submit(ctx: AppContext, actor: Actor, context: FormContext & { applicationId: number }, values: Record<string, unknown>): Promise<Submitted>;
}

const text = (values: Record<string, unknown>, k: string) => (typeof values[k] === "string" ? (values[k] as string) : "");

/** The small forms; the application form is handled apart (it may exist before its application does). */
export const FORM_HANDLERS: { readonly [K in Exclude<FormId, "application">]: FormHandler } = {
  reason: {
    step: (c) => (c.action === "intake.reject" ? "reject" : "return"),
    open: async (_ctx, _actor, c) => reasonForm(c.action === "intake.reject" ? "intake.reject" : "intake.return", c.applicationId),
    async submit(ctx, actor, c, values) {
      const decision = c.action === "intake.reject" ? "reject" : "return";
      await reviewIntake(ctx, { actor, applicationId: c.applicationId, decision, reason: text(values, "reason") });
      return { kind: "done", message: replies.intakeDecided(c.applicationId, decision) };
    },
  },
  recuse: {
    step: () => "vote",
    open: async (_ctx, _actor, c) => reasonForm("vote.recuse", c.applicationId),
    async submit(ctx, actor, c, values) {
      await castVote(ctx, { actor, applicationId: c.applicationId, choice: "recuse", reason: text(values, "reason"), source: "button" });
      return { kind: "done", message: replies.recused(c.applicationId) };
    },
  },
  council_date: {
    step: () => "schedule_council",
    open: async (_ctx, _actor, c) => councilDateForm(c.applicationId),
    async submit(ctx, actor, c, values) {
      const { meetingDate } = await scheduleCouncil(ctx, { actor, applicationId: c.applicationId, meetingDate: values.meetingDate });
      return { kind: "done", message: replies.councilScheduled(c.applicationId, meetingDate) };
    },
  },
  council: {
    step: () => "record_council",
    open: async (_ctx, _actor, c) => councilDecisionForm(c.applicationId),
    async submit(ctx, actor, c, values) {
      await recordCouncilDecision(ctx, { actor, applicationId: c.applicationId, form: values });
      return { kind: "done", message: replies.councilRecorded(c.applicationId) };
    },
  },
  agreement: {
    step: () => "record_agreement",
    open: async (_ctx, _actor, c) => agreementForm(c.applicationId),
    async submit(ctx, actor, c, values) {
      await recordAgreement(ctx, { actor, applicationId: c.applicationId, form: values });
      return { kind: "done", message: replies.agreementRecorded(c.applicationId) };
    },
  },
  meeting: {
    step: () => "open_vote",
    open: async (_ctx, _actor, c) => meetingForm(c.applicationId),
    async submit(ctx, actor, c, values) {
      const { meetingAt, warning } = await scheduleMeeting(ctx, { actor, applicationId: c.applicationId, form: values });
      return { kind: "done", message: replies.meetingScheduled(c.applicationId, meetingAt, ctx.policy.city.timeZone, warning ?? null), ...(warning ? { notice: warning } : {}) };
    },
  },
};

/** True when `id` names a form this version knows. */
export function isFormId(id: string): id is FormId {
  return id === "application" || Object.hasOwn(FORM_HANDLERS, id);
}

/**
 * The empty (or prefilled) form; throws the use case's refusal (a DomainError) when the person may not take the
 * form's step on the application as it is now. `check: false` only rebuilds a form already shown, to put messages on.
 */
export async function openFormView(ctx: AppContext, actor: Actor, formId: FormId, context: FormContext, opts: { check?: boolean } = {}): Promise<FormView> {
  const id = context.applicationId;
  if (formId === "application") return startApplication(ctx, { actor, ...(id ? { applicationId: id } : {}), ...(context.step !== undefined ? { step: context.step } : {}) });
  if (!id) throw new MissingApplication();
  const handler = FORM_HANDLERS[formId];
  if (opts.check !== false) await checkStep(ctx, { actor, applicationId: id, action: handler.step(context) });
  return handler.open(ctx, actor, { ...context, applicationId: id });
}

/** A small form arrived without the application it is about. */
export class MissingApplication extends Error {
  constructor() {
    super(replies.formNeedsApplication);
    this.name = "MissingApplication";
  }
}

/** Runs a submission (or a draft save) of any form. Throws DomainErrors; the dispatcher turns them into answers. */
export async function submitFormValues(ctx: AppContext, actor: Actor, formId: FormId, intent: "submit" | "save_draft", context: FormContext, values: Record<string, unknown>): Promise<Submitted> {
  if (formId === "application") return submitApplicationForm(ctx, actor, context, intent, values);
  const id = context.applicationId;
  if (!id) throw new MissingApplication();
  return FORM_HANDLERS[formId].submit(ctx, actor, { ...context, applicationId: id }, values);
}

async function submitApplicationForm(ctx: AppContext, actor: Actor, context: FormContext, intent: "submit" | "save_draft", values: Record<string, unknown>): Promise<Submitted> {
  const answers = answersFromForm(values);
  const step = context.step;
  const shownFields: FieldName[] = step === undefined ? ALL_FIELDS : FORM_STEPS[step]!.fields;
  const idOf = (id?: number) => (id ? { applicationId: id } : {});
  if (intent === "save_draft") {
    const saved = await saveDraft(ctx, { actor, ...idOf(context.applicationId), answers, shownFields });
    return { kind: "done", message: replies.draftSaved(saved.number, ctx.commandPrefix(actor.platform)), applicationId: saved.id };
  }
  if (step === undefined) {
    const sub = await submitApplication(ctx, { actor, ...idOf(context.applicationId), answers, shownFields });
    return { kind: "done", message: replies.submitted(sub.number, sub.resubmitted, sub.warnings, ctx.commandPrefix(actor.platform)), applicationId: sub.id };
  }
  // Section by section, each section is saved as a draft; the last one submits the saved draft with its own answers.
  if (step < FORM_STEPS.length - 1) {
    const saved = await saveDraft(ctx, { actor, ...idOf(context.applicationId), answers, shownFields });
    return { kind: "next", form: await startApplication(ctx, { actor, applicationId: saved.id, step: step + 1 }) };
  }
  try {
    const sub = await submitApplication(ctx, { actor, ...idOf(context.applicationId), answers, shownFields });
    return { kind: "done", message: replies.submitted(sub.number, sub.resubmitted, sub.warnings, ctx.commandPrefix(actor.platform)), applicationId: sub.id };
  } catch (e) {
    if (!isDomainError(e)) throw e;
    // Problems in this section only: the section again, marked (the dispatcher does that). Problems in earlier
    // sections too: every section on one card, every problem marked at once, with this section's typed answers kept.
    const elsewhere = Object.keys(e.fieldErrors).some((f) => f !== "_form" && !(shownFields as readonly string[]).includes(f));
    if (!elsewhere) throw e;
    const form = await startApplication(ctx, { actor, ...idOf(context.applicationId) });
    return { kind: "next", form: withFeedback(form, { _form: e.userMessage, ...e.fieldErrors }, values) };
  }
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
