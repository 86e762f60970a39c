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

/** Puts an item on a commission meeting agenda (meeting voting mode). Times are the city's local time. */
export function meetingForm(applicationId: number, errors: Record<string, string> = {}): FormView {
  const err = (k: string) => (errors[k] ? { error: errors[k] } : {});
  return {
    kind: "form",
    formId: "meeting",
    title: "Commission meeting",
    submitLabel: "Schedule",
    context: { applicationId, action: "meeting.schedule" },
    blocks: [
      { type: "text", text: `Application ${applicationNumber(applicationId)}: votes are taken during this meeting.` },
      { type: "input", input: { kind: "date", name: "meetingDate", label: "Meeting date" }, ...err("meetingDate") },
      { type: "input", input: { kind: "text", name: "meetingTime", label: "Meeting start (HH:MM, 24-hour)", maxLength: 5, hint: "e.g. 19:00" }, ...err("meetingTime") },
      { type: "input", input: { kind: "text", name: "agendaItem", label: "Agenda item number", maxLength: 20 }, ...err("agendaItem") },
      { type: "input", input: { kind: "date", name: "agendaPostedDate", label: "Agenda posted on" }, ...err("agendaPostedDate") },
      { type: "input", input: { kind: "text", name: "agendaPostedTime", label: "Agenda posted at (HH:MM, 24-hour)", maxLength: 5 }, ...err("agendaPostedTime") },
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
      { type: "input", input: { kind: "text", name: "documentUrl", label: "Link to the signed agreement", maxLength: 500, format: "url", optional: true }, ...err("documentUrl") },
    ],
  };
}
