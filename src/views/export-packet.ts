// The public-record packet for one application, as Markdown (to paste into an agenda packet or minutes) and CSV
// (for a spreadsheet). Plain, dated, times in the city's zone; every user-typed string is escaped for the format.
import { ACTIVITIES, ORIGINS, SPONSOR_ROLES, type Draft } from "../domain/application.js";
import type { Criterion } from "../domain/criteria.js";
import { applicationNumber, STATUS_LABELS, type Status } from "../domain/status.js";
import { cityTitle, formatDate, formatDateTime } from "./application-summary.js";
import type { CardView } from "./model.js";

/** Everything the packet shows. */
export interface PacketData {
  id: number;
  status: Status;
  applicantName: string;
  answers: Draft;
  criteria: Criterion[];
  createdAt: Date;
  submittedAt: Date | null;
  versions: VersionRecord[];
  meeting: { meetingAt: Date; agendaItem: string; agendaPostedAt: Date } | null;
  rounds: {
    number: number;
    openedAt: Date;
    closedAt: Date | null;
    outcome: string | null;
    quorum: number;
    rollCall: { name: string; choice: string; reason: string | null; castAt: Date | null }[];
  }[];
  council: { meetingDate: Date; adopted: boolean | null; resolution: string | null; notes: string | null; recordedAt: Date } | null;
  agreement: { signedOn: Date; ourMayor: string; theirMayor: string; documentUrl: string | null } | null;
  audit: { at: Date; actor: string; role: string; action: string; summary: string }[];
  /** Whether the audit trail's hash chain verified, and through which entry (from audit:verify's check). */
  auditChain: { ok: boolean; text: string };
  generatedAt: Date;
  cityName: string;
  timeZone: string;
}

const FIELD_LABELS: [keyof Draft, string][] = [
  ["proposedCity", "Proposed sister city"],
  ["region", "Region"],
  ["country", "Country"],
  ["population", "Population"],
  ["nearWater", "Near water"],
  ["waterBody", "Body of water"],
  ["metropolis", "Nearest metropolis"],
  ["metropolisDistanceKm", "Distance to metropolis (km)"],
  ["origins", "How the relationship started"],
  ["originNote", "The story"],
  ["activities", "Planned activities"],
  ["activityNote", "About the activities"],
  ["letterOfInterest", "Letter of interest received"],
  ["letterUrl", "Letter of interest link"],
  ["sponsorRole", "Applicant's role"],
  ["contactName", "Contact name"],
  ["contactTitle", "Contact title"],
  ["contactEmail", "Contact email"],
  ["communitySupport", "Community support"],
  ["firstYearPlan", "First-year plan"],
  ["budgetUsd", "Estimated first-year budget (USD)"],
  ["notes", "Notes"],
];

/** An answer in words. */
export function answerText(a: Draft, key: keyof Draft): string {
  const v = a[key];
  if (v === undefined || v === "") return "";
  if (typeof v === "boolean") return v ? "Yes" : "No";
  if (typeof v === "number") return v.toLocaleString("en-US");
  if (Array.isArray(v)) return v.map((x) => (ORIGINS as Record<string, string>)[x] ?? (ACTIVITIES as Record<string, string>)[x] ?? x).join(", ");
  if (key === "sponsorRole") return SPONSOR_ROLES[v as keyof typeof SPONSOR_ROLES] ?? v;
  return v;
}

/** One submitted version of the answers, as the packet and `status` list them. */
export interface VersionRecord {
  version: number;
  createdAt: Date;
  createdBy: string;
  answers: Draft;
}

/** What a resubmission changed: each answer whose words differ from the version before, with both texts. */
export interface VersionChange {
  label: string;
  before: string;
  after: string;
}

/** The answers that changed from the previous version (empty for the first version). */
export function versionChanges(versions: readonly VersionRecord[], v: VersionRecord): VersionChange[] {
  const prev = versions.find((p) => p.version === v.version - 1);
  if (!prev) return [];
  return FIELD_LABELS.flatMap(([k, label]) => {
    const before = answerText(prev.answers, k);
    const after = answerText(v.answers, k);
    return before === after ? [] : [{ label, before, after }];
  });
}

const CHOICE: Record<string, string> = { approve: "Approve", deny: "Deny", abstain: "Abstain", recuse: "Recused", absent: "Did not vote" };
const OUTCOME: Record<string, string> = { approved: "Approved", denied: "Denied", no_quorum: "No quorum" };

/**
 * Escapes Markdown so typed text shows literally: no emphasis, links, HTML or table breaks anywhere, and no
 * heading, list or quote at the start of a line. Ordinary punctuation (".", "-") stays readable elsewhere.
 */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/([\\`*_[\]<>|~])/g, "\\$1")
    .split(/\r?\n/)
    .map((line) => line.replace(/^(\s*)([#+\-=]|\d+(?=[.)]))/, "$1\\$2"))
    .join("  \n");
}
const cell = (s: string) => escapeMarkdown(s).replace(/ {2}\n/g, "<br>");

/** The packet as Markdown. */
export function packetMarkdown(d: PacketData): string {
  const tz = d.timeZone;
  const at = (x: Date) => formatDateTime(x, tz);
  const num = applicationNumber(d.id);
  const out: string[] = [];
  out.push(`# Sister City application ${num}: ${escapeMarkdown(cityTitle(d.answers, { plain: true }))}`, "");
  out.push(`City of ${escapeMarkdown(d.cityName)} · Community Services Commission · public record`, "");
  out.push(`- Status: ${STATUS_LABELS[d.status]}`);
  out.push(`- Applicant: ${escapeMarkdown(d.applicantName)}`);
  out.push(`- Started: ${at(d.createdAt)}${d.submittedAt ? ` · last submitted: ${at(d.submittedAt)}` : ""}`);
  out.push(`- Packet generated: ${at(d.generatedAt)}`, "");

  out.push("## Application", "", "| Question | Answer |", "| --- | --- |");
  for (const [k, label] of FIELD_LABELS) out.push(`| ${label} | ${cell(answerText(d.answers, k)) || "—"} |`);
  out.push("");

  out.push("## Policy checklist (advisory)", "", "| Criterion | Result | Why |", "| --- | --- | --- |");
  for (const c of d.criteria) out.push(`| ${c.label} | ${{ met: "Met", not_met: "Not met", unknown: "Unknown" }[c.state]} | ${cell(c.why)} |`);
  out.push("");

  out.push("## Version history", "");
  if (d.versions.length === 0) out.push("Not submitted yet.");
  for (const v of d.versions) {
    const changes = versionChanges(d.versions, v);
    const first = v.version === d.versions[0]?.version;
    out.push(`- Version ${v.version}, submitted ${at(v.createdAt)} by ${escapeMarkdown(v.createdBy)}${first ? "" : `: changed ${changes.length > 0 ? changes.map((c) => c.label).join(", ") : "nothing"}`}`);
    if (changes.length > 0) {
      // Both texts in full, so what was first written stays readable after a resubmission.
      out.push("", `  | Answer | Version ${v.version - 1} | Version ${v.version} |`, "  | --- | --- | --- |");
      for (const c of changes) out.push(`  | ${c.label} | ${cell(c.before) || "—"} | ${cell(c.after) || "—"} |`);
      out.push("");
    }
  }
  if (out[out.length - 1] !== "") out.push("");

  if (d.meeting) {
    out.push("## Commission meeting", "");
    out.push(`- Meeting: ${at(d.meeting.meetingAt)}, agenda item ${escapeMarkdown(d.meeting.agendaItem)}`);
    out.push(`- Agenda posted: ${at(d.meeting.agendaPostedAt)}`, "");
  }

  out.push("## Commission votes (roll call)", "");
  if (d.rounds.length === 0) out.push("No vote was taken.", "");
  for (const r of d.rounds) {
    out.push(`### Vote ${r.number}: ${r.outcome ? OUTCOME[r.outcome] : r.closedAt ? "Closed without a decision" : "Open"}`, "");
    out.push(`Opened ${at(r.openedAt)}${r.closedAt ? `, closed ${at(r.closedAt)}` : ""}; quorum ${r.quorum}.`, "");
    out.push("| Member | Vote | Reason | Time |", "| --- | --- | --- | --- |");
    for (const v of r.rollCall) out.push(`| ${cell(v.name)} | ${CHOICE[v.choice] ?? v.choice} | ${v.reason ? cell(v.reason) : ""} | ${v.castAt ? at(v.castAt) : ""} |`);
    out.push("");
  }

  out.push("## City Council", "");
  if (!d.council) out.push("Not scheduled.");
  else {
    out.push(`- Meeting: ${formatDate(d.council.meetingDate, "UTC")}`);
    out.push(`- Decision: ${d.council.adopted === true ? "Adopted" : d.council.adopted === false ? "Rejected" : "Not recorded yet"}${d.council.resolution ? ` (resolution ${escapeMarkdown(d.council.resolution)})` : ""}`);
    if (d.council.notes) out.push(`- Notes: ${escapeMarkdown(d.council.notes)}`);
  }
  out.push("");

  out.push("## Agreement", "");
  if (!d.agreement) out.push("Not signed.");
  else {
    out.push(`- Signed ${formatDate(d.agreement.signedOn, "UTC")} by ${escapeMarkdown(d.agreement.ourMayor)} and ${escapeMarkdown(d.agreement.theirMayor)}`);
    if (d.agreement.documentUrl) out.push(`- Document: ${escapeMarkdown(d.agreement.documentUrl)}`);
  }
  out.push("");

  out.push("## Audit trail", "", "| Time | Who | Role | Action | Details |", "| --- | --- | --- | --- | --- |");
  for (const a of d.audit) out.push(`| ${at(a.at)} | ${cell(a.actor)} | ${a.role} | ${a.action} | ${cell(a.summary)} |`);
  out.push("", `Audit hash chain: ${escapeMarkdown(d.auditChain.text)}.`, "");
  return out.join("\n");
}

/** The reply to an export request on a platform that gets download links: Markdown and CSV. */
export function exportLinksCard(number: string, links: { md: string; csv: string }, minutes: number): CardView {
  return {
    kind: "card",
    summary: `Public-record packet for ${number}`,
    blocks: [
      { type: "header", text: `Public-record packet for ${number}` },
      { type: "text", text: `Markdown for agenda packets and minutes, CSV for spreadsheets. The links work for ${minutes} minutes, and only for people allowed to export this application.`, small: true },
      { type: "links", links: [{ label: "Download Markdown", url: links.md }, { label: "Download CSV", url: links.csv }] },
    ],
  };
}

// What a spreadsheet may run as a formula: a cell starting with = + - @ tab or carriage return, also after leading
// spaces (Excel and LibreOffice skip them). Such a cell is prefixed with an apostrophe (OWASP "CSV injection"),
// which shows the text as typed. A plain negative number ("-12", "-3.5") stays a number.
const FORMULA_START = /^\s*[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-\d+(\.\d+)?$/;

/** One CSV field per RFC 4180; text that a spreadsheet would run as a formula is prefixed with an apostrophe. */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The packet as one CSV table: section, item, value, detail, time (city zone). */
export function packetCsv(d: PacketData): string {
  const tz = d.timeZone;
  const at = (x: Date | null) => (x ? formatDateTime(x, tz) : "");
  const rows: string[][] = [["section", "item", "value", "detail", "time"]];
  const num = applicationNumber(d.id);
  rows.push(["application", "number", num, STATUS_LABELS[d.status], at(d.submittedAt)]);
  rows.push(["application", "applicant", d.applicantName, "", at(d.createdAt)]);
  for (const [k, label] of FIELD_LABELS) rows.push(["answer", label, answerText(d.answers, k), "", ""]);
  for (const c of d.criteria) rows.push(["criterion", c.label, c.state, c.why, ""]);
  for (const v of d.versions) {
    rows.push(["version", String(v.version), v.createdBy, "", at(v.createdAt)]);
    for (const c of versionChanges(d.versions, v)) rows.push([`version ${v.version} change`, c.label, c.before, c.after, at(v.createdAt)]);
  }
  if (d.meeting) rows.push(["meeting", `agenda item ${d.meeting.agendaItem}`, at(d.meeting.meetingAt), `agenda posted ${at(d.meeting.agendaPostedAt)}`, ""]);
  for (const r of d.rounds) {
    rows.push([`vote ${r.number}`, "outcome", r.outcome ?? (r.closedAt ? "closed" : "open"), `quorum ${r.quorum}`, at(r.closedAt)]);
    for (const v of r.rollCall) rows.push([`vote ${r.number}`, v.name, v.choice, v.reason ?? "", at(v.castAt)]);
  }
  if (d.council) rows.push(["council", d.council.resolution ?? "", d.council.adopted === true ? "adopted" : d.council.adopted === false ? "rejected" : "scheduled", d.council.notes ?? "", formatDate(d.council.meetingDate, "UTC")]);
  if (d.agreement) rows.push(["agreement", `${d.agreement.ourMayor}; ${d.agreement.theirMayor}`, "signed", d.agreement.documentUrl ?? "", formatDate(d.agreement.signedOn, "UTC")]);
  for (const a of d.audit) rows.push(["audit", `${a.actor} (${a.role})`, a.action, a.summary, at(a.at)]);
  rows.push(["audit chain", "hash chain", d.auditChain.ok ? "verified" : "broken", d.auditChain.text, ""]);
  return rows.map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}
