// Every answer of an application in full, section by section, for reading before a vote (the commission card
// shows a summary and clips long answers). Plain text only: renderers show what people typed literally.
import type { Draft, FieldName } from "../domain/application.js";
import { applicationNumber } from "../domain/status.js";
import { FIELD_INPUTS, FORM_STEPS } from "./application-form.js";
import { applicationTitle, statusLine, type ApplicationInfo } from "./application-summary.js";
import { clip, type Block, type CardView } from "./model.js";

/** The title of the panel it is shown in (a Slack modal title holds 24 characters). */
export function fullApplicationTitle(id: number): string {
  return `Application ${applicationNumber(id)}`;
}

/** One answer as a person reads it: labels for choices, Yes/No, "—" when unanswered. */
function answerText(name: FieldName, a: Draft): string {
  const input = FIELD_INPUTS[name];
  const v = a[name];
  if (v === undefined || v === "" || (Array.isArray(v) && v.length === 0)) return "—";
  switch (input.kind) {
    case "yesno":
      return v ? "Yes" : "No";
    case "number":
      return typeof v === "number" ? v.toLocaleString("en-US") : String(v);
    case "choice":
      return input.options.find((o) => o.value === v)?.label ?? String(v);
    case "multi":
      return (Array.isArray(v) ? v : [v]).map((x) => input.options.find((o) => o.value === x)?.label ?? String(x)).join(", ");
    default:
      return String(v);
  }
}

/** The whole application: each section's questions with the answers in full (each answer is at most 1,900 characters). */
export function fullApplicationView(app: ApplicationInfo): CardView {
  const blocks: Block[] = [
    { type: "header", text: clip(applicationTitle(app), 150) },
    { type: "text", text: statusLine(app), small: true },
  ];
  FORM_STEPS.forEach((step, i) => {
    blocks.push({ type: "header", text: `${i + 1}. ${step.title}` });
    for (const name of step.fields) blocks.push({ type: "text", text: `${FIELD_INPUTS[name].label}\n${answerText(name, app.answers)}` });
  });
  return { kind: "card", summary: `${applicationTitle(app)}: the full application`, blocks };
}
