import type { ActionId, FormView } from "./model.js";
import { applicationNumber } from "../domain/status.js";

const REASON_TITLES: Partial<Record<ActionId, { title: string; label: string; submit: string }>> = {
  "intake.return": { title: "Return application", label: "What should the applicant change?", submit: "Return" },
  "intake.reject": { title: "Reject application", label: "Why is it rejected?", submit: "Reject" },
  "vote.recuse": { title: "Recuse from vote", label: "Reason for recusal (public record)", submit: "Recuse" },
};

/** Asks for the reason a return, rejection or recusal needs. */
export function reasonForm(action: ActionId, applicationId: number, error?: string): FormView {
  const t = REASON_TITLES[action] ?? { title: "Reason", label: "Reason", submit: "Send" };
  return {
    kind: "form",
    formId: action === "vote.recuse" ? "recuse" : "reason",
    title: t.title,
    submitLabel: t.submit,
    context: { applicationId, action },
    blocks: [
      { type: "text", text: `Application ${applicationNumber(applicationId)}` },
      { type: "input", input: { kind: "text", name: "reason", label: t.label, multiline: true, maxLength: 500 }, ...(error ? { error } : {}) },
    ],
  };
}

/** Sets the City Council meeting date. */
export function councilDateForm(applicationId: number, errors: Record<string, string> = {}): FormView {
  return {
    kind: "form",
    formId: "council_date",
    title: "Set council date",
    submitLabel: "Save",
    context: { applicationId, action: "council.schedule" },
    blocks: [
      { type: "text", text: `Application ${applicationNumber(applicationId)}` },
      { type: "input", input: { kind: "date", name: "meetingDate", label: "City Council meeting date" }, ...(errors.meetingDate ? { error: errors.meetingDate } : {}) },
    ],
  };
}

/** Records City Council's decision. */
export function councilDecisionForm(applicationId: number, errors: Record<string, string> = {}): FormView {
  const err = (k: string) => (errors[k] ? { error: errors[k] } : {});
  return {
    kind: "form",
    formId: "council",
    title: "Council decision",
    submitLabel: "Record",
    context: { applicationId, action: "council.record" },
    blocks: [
      { type: "text", text: `Application ${applicationNumber(applicationId)}` },
      { type: "input", input: { kind: "date", name: "meetingDate", label: "Meeting date" }, ...err("meetingDate") },
      {
        type: "input",
        input: { kind: "choice", name: "decision", label: "Decision", options: [{ value: "adopted", label: "Adopted" }, { value: "rejected", label: "Rejected" }] },
        ...err("decision"),
      },
      { type: "input", input: { kind: "text", name: "resolution", label: "Resolution number", maxLength: 50, optional: true }, ...err("resolution") },
      { type: "input", input: { kind: "text", name: "notes", label: "Notes", multiline: true, maxLength: 1000, optional: true }, ...err("notes") },
    ],
  };
}

/** Records the agreement both mayors signed. */
export function agreementForm(applicationId: number, errors: Record<string, string> = {}): FormView {
  const err = (k: string) => (errors[k] ? { error: errors[k] } : {});
  return {
    kind: "form",
    formId: "agreement",
    title: "Signed agreement",
    submitLabel: "Record",
    context: { applicationId, action: "agreement.record" },
    blocks: [
      { type: "text", text: `Application ${applicationNumber(applicationId)}` },
      { type: "input", input: { kind: "date", name: "signedOn", label: "Date signed" }, ...err("signedOn") },
      { type: "input", input: { kind: "text", name: "ourMayor", label: "Our mayor", maxLength: 100 }, ...err("ourMayor") },
      { type: "input", input: { kind: "text", name: "theirMayor", label: "Their mayor", maxLength: 100 }, ...err("theirMayor") },
      { type: "input", input: { kind: "text", name: "documentUrl", label: "Link to the signed agreement", maxLength: 500, optional: true }, ...err("documentUrl") },
    ],
  };
}
