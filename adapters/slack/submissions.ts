// Modal submissions. The use case runs before the ack so that problems come back on the exact fields
// (response_action "errors") and the modal keeps everything typed; a modal is handled once even if sent twice.
import type { AckFn, App, ViewResponseAction } from "@slack/bolt";
import { castVote } from "../../src/app/cast-vote.js";
import type { AppContext } from "../../src/app/context.js";
import { recordAgreement } from "../../src/app/record-agreement.js";
import { recordCouncilDecision } from "../../src/app/record-council-decision.js";
import { reviewIntake } from "../../src/app/review-intake.js";
import { scheduleCouncil } from "../../src/app/schedule-council.js";
import { submitApplication } from "../../src/app/submit-application.js";
import type { FieldName } from "../../src/domain/application.js";
import { isDomainError } from "../../src/domain/errors.js";
import type { Logger } from "../../src/logger.js";
import { answersFromForm, applicationForm, FORM_STEPS } from "../../src/views/application-form.js";
import type { FormView } from "../../src/views/model.js";
import { agreementForm, councilDateForm, councilDecisionForm, meetingForm, reasonForm } from "../../src/views/small-forms.js";
import { scheduleMeeting } from "../../src/app/schedule-meeting.js";
import { actorOf, messageFor, metadataOf, readState, tell, type SlackBody } from "./context.js";
import { modalErrors, type ModalMetadata } from "./render.js";

const ALL_FIELDS: FieldName[] = FORM_STEPS.flatMap((s) => s.fields);

/** The form a metadata block belongs to (to map errors onto its inputs). */
function formFor(meta: ModalMetadata, cityName: string): FormView {
  const id = meta.applicationId ?? 0;
  switch (meta.formId) {
    case "application":
      return applicationForm({ draft: {}, cityName });
    case "council_date":
      return councilDateForm(id);
    case "council":
      return councilDecisionForm(id);
    case "agreement":
      return agreementForm(id);
    case "meeting":
      return meetingForm(id);
    default:
      return reasonForm(meta.action === "vote.recuse" ? "vote.recuse" : meta.action === "intake.reject" ? "intake.reject" : "intake.return", id);
  }
}

/** Runs the use case behind a form; returns a note for the submitter when there is one (e.g. a Brown Act warning). */
async function run(ctx: AppContext, meta: ModalMetadata, body: SlackBody, values: Record<string, unknown>): Promise<string | undefined> {
  const actor = actorOf(body);
  const applicationId = meta.applicationId ?? 0;
  switch (meta.formId) {
    case "application":
      await submitApplication(ctx, { actor, ...(meta.applicationId ? { applicationId } : {}), answers: answersFromForm(values), shownFields: ALL_FIELDS });
      return;
    case "reason":
      await reviewIntake(ctx, { actor, applicationId, decision: meta.action === "intake.reject" ? "reject" : "return", reason: String(values.reason ?? "") });
      return;
    case "recuse":
      await castVote(ctx, { actor, applicationId, choice: "recuse", reason: String(values.reason ?? ""), source: "button" });
      return;
    case "council_date":
      await scheduleCouncil(ctx, { actor, applicationId, meetingDate: values.meetingDate });
      return;
    case "council":
      await recordCouncilDecision(ctx, { actor, applicationId, form: values });
      return;
    case "agreement":
      await recordAgreement(ctx, { actor, applicationId, form: values });
      return;
    case "meeting": {
      const { warning } = await scheduleMeeting(ctx, { actor, applicationId, form: values });
      return warning ?? undefined;
    }
  }
}

/** Registers the handler for every form the bot opens. */
export function registerSubmissions(app: App, ctx: AppContext, logger: Logger): void {
  app.view(/^form:/, async ({ ack, body, client }) => {
    const b = body as unknown as SlackBody;
    const meta = metadataOf(b);
    const respond = ack as AckFn<ViewResponseAction>;
    if (!meta || !b.view) {
      await respond();
      return;
    }
    // A second delivery of the same modal (a retry, a double submit) must not create a second application.
    const key = `slack:view:${b.view.id}`;
    if (!(await ctx.store.firstTime(key))) {
      await respond();
      return;
    }
    try {
      const note = await run(ctx, meta, b, readState(b.view.state?.values));
      await respond();
      if (note) await tell(client, b, note, logger);
    } catch (e) {
      await ctx.store.forget(key);
      const form = formFor(meta, ctx.policy.city.name);
      const fieldErrors = isDomainError(e) ? e.fieldErrors : {};
      await respond({ response_action: "errors", errors: modalErrors(form, fieldErrors, messageFor(e, logger)) });
    }
  });
}
