import type { Criterion } from "../domain/criteria.js";
import type { Action } from "../domain/status.js";
import { applicationNumber, STATUS_LABELS, type Status } from "../domain/status.js";
import type { Block, Button, CardView } from "./model.js";
import { clip, isolate } from "./model.js";
import { versionChanges, type VersionRecord } from "./export-packet.js";
import { commandText } from "./replies.js";
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

/** Resubmissions shown at most (newest first); the export packet holds every version in full. */
const VERSIONS_SHOWN = 3;
/** Characters of each side of a change shown in chat; the export packet has the whole text. */
const CHANGE_CHARS = 900;

/** Per resubmission, each changed answer as before → after (clipped for chat; the packet has it whole). */
function versionBlocks(versions: readonly VersionRecord[], timeZone: string): Block[] {
  const resubmitted = versions.filter((v) => versionChanges(versions, v).length > 0).slice(-VERSIONS_SHOWN).reverse();
  return resubmitted.flatMap((v): Block[] => {
    const changes = versionChanges(versions, v);
    const fields = changes.flatMap((c) => [
      { label: `${c.label} — version ${v.version - 1}`, value: clip(c.before, CHANGE_CHARS) || "—" },
      { label: `${c.label} — version ${v.version}`, value: clip(c.after, CHANGE_CHARS) || "—" },
    ]);
    const chunks: Block[] = [];
    for (let i = 0; i < fields.length; i += 10) chunks.push({ type: "fields", fields: fields.slice(i, i + 10) });
    return [{ type: "text", text: `Version ${v.version}, resubmitted ${formatDateTime(v.createdAt, timeZone)} by ${v.createdBy}: changed ${changes.map((c) => c.label).join(", ")}`, small: true }, ...chunks];
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
  /** Submitted versions, oldest first; each resubmission's changed answers are shown before → after. */
  versions?: readonly VersionRecord[];
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
  blocks.push(...versionBlocks(opts.versions ?? [], timeZone));
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

/** Where a list page sits in the whole list, and how to ask for the next page. */
export interface ListPage {
  /** How many items the whole list has (not just this page). */
  total: number;
  /** Zero-based index of this page's first item. */
  offset: number;
  /** What to say for the next page, e.g. `list 2`. */
  nextCommand?: string;
}

/**
 * A list of applications ("mine", "all", or a role's queue). The title carries the true count; a page that does not
 * reach the end says which items it shows and what to say for the next ones, so every item can be reached. A `note`
 * under the title says why the list is not the one asked for; `prefix` is how commands are typed where it is read.
 */
export function listView(opts: { title: string; items: ListItem[]; timeZone: string; empty: string; max?: number; page?: ListPage; note?: string; prefix?: string }): CardView {
  const say = (words: string) => commandText(opts.prefix ?? "", words);
  const max = opts.max ?? 20;
  const shown = opts.items.slice(0, max);
  const page = opts.page ?? { total: opts.items.length, offset: 0 };
  const blocks: Block[] = [{ type: "header", text: page.total > 0 ? `${opts.title} (${page.total})` : opts.title }];
  if (opts.note) blocks.push({ type: "text", text: opts.note, tone: "attention" });
  if (page.total === 0) blocks.push({ type: "text", text: opts.empty });
  else if (shown.length === 0) blocks.push({ type: "text", text: `No more here: this list has ${page.total}.`, small: true });
  for (const it of shown) {
    blocks.push({
      type: "text",
      text: clip(`${applicationTitle(it)} — ${STATUS_LABELS[it.status]} · ${isolate(it.applicantName)} · updated ${formatDate(it.updatedAt, opts.timeZone)}`, 500),
    });
    blocks.push({ type: "actions", buttons: [{ action: "app.status", label: `Open ${applicationNumber(it.id)}`, applicationId: it.id }] });
  }
  const end = page.offset + shown.length;
  if (shown.length > 0 && (page.offset > 0 || end < page.total)) {
    const more = end < page.total ? (page.nextCommand ? ` Say ${say(page.nextCommand)} for the next ${Math.min(max, page.total - end)}.` : ` Use ${say("status <number>")} to open one.`) : "";
    blocks.push({ type: "text", text: `Showing ${page.offset + 1}–${end} of ${page.total}.${more}`, small: true });
  }
  return { kind: "card", summary: `${opts.title}: ${page.total}`, blocks };
}
