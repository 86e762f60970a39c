import type { Criterion } from "../domain/criteria.js";
import { applicationNumber } from "../domain/status.js";
import type { Block, CardView } from "./model.js";
import { clip } from "./model.js";
import { applicationTitle, checklistBlock, longTextBlocks, statusLine, summaryFields, type ApplicationInfo } from "./application-summary.js";
import { commandText } from "./replies.js";

/** The director's intake card: the application with the checklist, and Accept / Return / Reject while it waits. */
export function intakeCard(opts: { app: ApplicationInfo; criteria: Criterion[] }): CardView {
  const { app } = opts;
  const blocks: Block[] = [
    { type: "header", text: clip(`New application ${applicationTitle(app)}`, 150) },
    { type: "text", text: statusLine(app), small: true },
    { type: "fields", fields: summaryFields(app.answers, app.applicantName) },
    ...longTextBlocks(app.answers),
    checklistBlock(opts.criteria),
  ];
  if (app.status === "submitted") {
    blocks.push({
      type: "actions",
      buttons: [
        { action: "intake.accept", label: "Accept for commission", style: "primary", applicationId: app.id },
        { action: "intake.return", label: "Return to applicant", applicationId: app.id, asksForInput: true },
        { action: "intake.reject", label: "Reject", style: "danger", applicationId: app.id, asksForInput: true },
      ],
    });
  }
  return { kind: "card", summary: `New Sister City application: ${applicationTitle(app)}`, blocks };
}

/** One line of the grouped intake notice. */
export interface IntakeDigestItem {
  app: ApplicationInfo;
  submittedAt: Date | null;
}

/**
 * Several new applications in one message, for when they arrive close together: one line and an Open button each
 * (the status view has Accept / Return / Reject). Capped so a message stays inside platform limits; the rest are
 * named by count and are all in "list" (typed with `prefix`, as commands are where it is read).
 */
export function intakeDigestCard(opts: { items: IntakeDigestItem[]; formatTime: (d: Date) => string; max?: number; prefix?: string }): CardView {
  const max = opts.max ?? 20;
  const n = opts.items.length;
  const blocks: Block[] = [
    { type: "header", text: `${n} new Sister City applications` },
    { type: "text", text: "They arrived close together, so they come in one message. Open one to accept, return or reject it.", small: true },
  ];
  for (const it of opts.items.slice(0, max)) {
    blocks.push({ type: "text", text: clip(`${applicationTitle(it.app)} — from ${it.app.applicantName}${it.submittedAt ? `, submitted ${opts.formatTime(it.submittedAt)}` : ""}`, 500) });
    blocks.push({ type: "actions", buttons: [{ action: "app.status", label: `Open ${applicationNumber(it.app.id)}`, applicationId: it.app.id }] });
  }
  if (n > max) blocks.push({ type: "text", text: `…and ${n - max} more. Say ${commandText(opts.prefix ?? "", "list")} to see every application waiting for you.`, small: true });
  return { kind: "card", summary: `${n} new Sister City applications`, blocks };
}
