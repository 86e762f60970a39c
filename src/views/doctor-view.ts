// The doctor's checklist as a neutral card, for showing the same checks in chat.
import type { Check } from "../doctor/check.js";
import type { CardView, CheckState } from "./model.js";

const STATE: Record<Check["status"], CheckState> = { ok: "met", fail: "not_met", warn: "unknown" };

/** Renders the checks: one checklist line each, with the fix after what is wrong. */
export function doctorView(checks: readonly Check[]): CardView {
  const fails = checks.filter((c) => c.status === "fail").length;
  const warns = checks.filter((c) => c.status === "warn").length;
  const summary = fails > 0 ? `Setup check: ${fails} problem(s) block the workflow` : warns > 0 ? `Setup check: works, ${warns} warning(s)` : "Setup check: everything works";
  return {
    kind: "card",
    summary,
    blocks: [
      { type: "header", text: "Setup check" },
      { type: "text", text: summary, tone: fails > 0 ? "attention" : warns > 0 ? "warning" : "good" },
      {
        type: "checklist",
        items: checks.map((c) => ({ state: STATE[c.status], label: c.label, detail: `${c.status === "warn" ? "Warning: " : ""}${c.detail}${c.fix ? `. Fix: ${c.fix}` : ""}` })),
      },
    ],
  };
}
