import type { Criterion } from "../domain/criteria.js";
import type { Action } from "../domain/status.js";
import { applicationNumber, STATUS_LABELS, type Status } from "../domain/status.js";
import type { Block, Button, CardView } from "./model.js";
import { clip } from "./model.js";
import { applicationTitle, checklistBlock, formatDate, formatDateTime, statusLine, summaryFields, tallyLine, type ApplicationInfo, type RoundInfo } from "./application-summary.js";

/** Council and agreement facts, when recorded. */
export interface CouncilInfo {
  meetingDate: Date;
  adopted?: boolean | null;
  resolution?: string | null;
}
export interface AgreementInfo {
  signedOn: Date;
  ourMayor: string;
  theirMayor: string;
  documentUrl?: string | null;
}

const NEXT_STEP: Partial<Record<Status, string>> = {
  draft: "Finish the form and submit it.",
  submitted: "The Community Services Director reviews it.",
  returned: "Edit the application and submit it again.",
  commission_review: "The Community Services Commission votes.",
  commission_approved: "The director or clerk schedules it for City Council.",
  council_scheduled: "City Council decides; the clerk records the decision.",
  council_adopted: "Both mayors sign the agreement; the clerk records it.",
};

// How each next step looks as a button; which steps a status offers, and in which order, is the workflow table's.
const STEP_BUTTONS: Partial<Record<Action, Omit<Button, "applicationId">>> = {
  edit: { action: "app.edit", label: "Edit", style: "primary", asksForInput: true },
  accept: { action: "intake.accept", label: "Accept for commission", style: "primary" },
  return: { action: "intake.return", label: "Return", asksForInput: true },
  reject: { action: "intake.reject", label: "Reject", style: "danger", asksForInput: true },
  open_vote: { action: "vote.open", label: "Open vote" },
  schedule_council: { action: "council.schedule", label: "Set council date", asksForInput: true },
  record_council: { action: "council.record", label: "Record council decision", asksForInput: true },
  record_agreement: { action: "agreement.record", label: "Record signed agreement", asksForInput: true },
  withdraw: {
    action: "app.withdraw",
    label: "Withdraw",
    style: "danger",
    confirm: { title: "Withdraw application?", text: "The application is withdrawn for good; this cannot be undone.", yes: "Withdraw", no: "Keep it" },
  },
};

/** Buttons for the next steps this viewer may take now (`steps`: from the workflow table, in its order). */
function actionButtons(id: number, steps: readonly Action[]): Button[] {
  return steps.flatMap((a) => {
    const b = STEP_BUTTONS[a];
    return b ? [{ ...b, applicationId: id }] : [];
  });
}

/** One application in full for the person asking, with the buttons they may use. */
export function statusView(opts: {
  app: ApplicationInfo;
  criteria: Criterion[];
  round: RoundInfo | null;
  council: CouncilInfo | null;
  agreement: AgreementInfo | null;
  allowed: readonly Action[];
  timeZone: string;
  nextReminder?: Date | null;
}): CardView {
  const { app, timeZone } = opts;
  const blocks: Block[] = [
    { type: "header", text: clip(applicationTitle(app), 150) },
    { type: "text", text: statusLine(app) },
  ];
  const next = NEXT_STEP[app.status];
  if (next) blocks.push({ type: "text", text: `Next: ${next}`, small: true });
  if (app.submittedAt) blocks.push({ type: "text", text: `Submitted ${formatDateTime(app.submittedAt, timeZone)} · version ${app.currentVersion}`, small: true });
  blocks.push({ type: "fields", fields: summaryFields(app.answers, app.applicantName) });
  blocks.push(checklistBlock(opts.criteria));
  if (opts.round) {
    const r = opts.round;
    blocks.push({ type: "text", text: `Commission vote ${r.number}${r.closedAt ? " (closed)" : ""}: ${tallyLine(r.tally)}` });
  }
  if (opts.council)
    blocks.push({
      type: "text",
      text: `City Council: ${formatDate(opts.council.meetingDate, timeZone)}${opts.council.adopted === true ? " — adopted" : opts.council.adopted === false ? " — rejected" : " (scheduled)"}${opts.council.resolution ? `, resolution ${opts.council.resolution}` : ""}`,
    });
  if (opts.agreement)
    blocks.push({
      type: "text",
      text: `Agreement signed ${formatDate(opts.agreement.signedOn, timeZone)} by ${opts.agreement.ourMayor} and ${opts.agreement.theirMayor}${opts.agreement.documentUrl ? ` — ${opts.agreement.documentUrl}` : ""}`,
      tone: "good",
    });
  if (opts.nextReminder) blocks.push({ type: "text", text: `Next reminder to the director: ${formatDateTime(opts.nextReminder, timeZone)}`, small: true });
  const buttons = actionButtons(app.id, opts.allowed);
  if (buttons.length > 0) blocks.push({ type: "actions", buttons });
  return { kind: "card", summary: `${applicationNumber(app.id)}: ${STATUS_LABELS[app.status]}`, blocks };
}

/** A row of a list reply. */
export interface ListItem {
  id: number;
  status: Status;
  answers: ApplicationInfo["answers"];
  applicantName: string;
  updatedAt: Date;
}

/** A list of applications ("mine", "all", or a role's queue). Long lists are cut with a count of the rest. */
export function listView(opts: { title: string; items: ListItem[]; timeZone: string; empty: string; max?: number }): CardView {
  const max = opts.max ?? 20;
  const blocks: Block[] = [{ type: "header", text: opts.title }];
  if (opts.items.length === 0) blocks.push({ type: "text", text: opts.empty });
  for (const it of opts.items.slice(0, max)) {
    blocks.push({
      type: "text",
      text: clip(`${applicationTitle(it)} — ${STATUS_LABELS[it.status]} · ${it.applicantName} · updated ${formatDate(it.updatedAt, opts.timeZone)}`, 500),
    });
    blocks.push({ type: "actions", buttons: [{ action: "app.status", label: `Open ${applicationNumber(it.id)}`, applicationId: it.id }] });
  }
  if (opts.items.length > max) blocks.push({ type: "text", text: `…and ${opts.items.length - max} more. Use status <number> to open one.`, small: true });
  return { kind: "card", summary: `${opts.title}: ${opts.items.length}`, blocks };
}
