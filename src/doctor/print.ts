// The doctor's checklist as plain text for a terminal: one line per check, then a one-line verdict.
import type { Check } from "./check.js";

const MARK: Record<Check["status"], string> = { ok: "OK  ", warn: "WARN", fail: "FAIL" };

/** One line per check — OK / WARN / FAIL, what was checked, what is wrong, how to fix it — and a verdict. */
export function formatChecklist(checks: readonly Check[]): string {
  const lines = checks.map((c) => `${MARK[c.status]}  ${c.label}: ${oneLine(c.detail)}${c.fix ? ` → fix: ${oneLine(c.fix)}` : ""}`);
  const fails = checks.filter((c) => c.status === "fail").length;
  const warns = checks.filter((c) => c.status === "warn").length;
  const verdict =
    fails > 0
      ? `${fails} problem(s) block the workflow${warns > 0 ? `, ${warns} warning(s)` : ""}.`
      : warns > 0
        ? `Everything the workflow needs works; ${warns} warning(s).`
        : "Everything works.";
  return `${lines.join("\n")}\n\n${verdict}\n`;
}

// A detail that came from elsewhere (an error message, a config problem) may span lines; the checklist may not.
function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, " ").trim();
}
