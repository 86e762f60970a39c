import type { Criterion } from "../domain/criteria.js";
import type { Block, CardView } from "./model.js";
import { clip } from "./model.js";
import { applicationTitle, checklistBlock, longTextBlocks, statusLine, summaryFields, type ApplicationInfo } from "./application-summary.js";

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
