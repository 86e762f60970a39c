import { ACTIVITIES, ORIGINS, SPONSOR_ROLES, type Draft } from "../domain/application.js";
import type { Criterion } from "../domain/criteria.js";
import { applicationNumber, STATUS_LABELS, type Status } from "../domain/status.js";
import { CHOICE_LABELS, type Choice, type Outcome, type Tally } from "../domain/votes.js";
import { clip, isolate, type Block, type Field } from "./model.js";

/** What views need to know about an application. */
export interface ApplicationInfo {
  id: number;
  status: Status;
  applicantName: string;
  answers: Draft;
  statusReason?: string | null;
  submittedAt?: Date | null;
  currentVersion: number;
}

/** A vote as shown in the tally and the roll call; votes are public record. */
export interface VoteLine {
  name: string;
  choice: Choice;
  reason?: string | null;
  castAt: Date;
}

/** A commission vote round as views show it. */
export interface RoundInfo {
  number: number;
  deadline?: Date | null;
  closedAt?: Date | null;
  outcome?: Outcome | null;
  tally: Tally;
  votes: VoteLine[];
  notVotedNames: string[];
}

const fmt = (n: number | undefined) => (n === undefined ? "—" : n.toLocaleString("en-US"));

/**
 * "Ravenna, Emilia-Romagna, Italy" (or a placeholder for an empty draft), each part bidi-isolated for chat;
 * `plain` leaves the isolates out (files, stored summaries).
 */
export function cityTitle(a: Draft, opts: { plain?: boolean } = {}): string {
  const parts = [a.proposedCity, a.region, a.country].filter((s): s is string => Boolean(s));
  return parts.length > 0 ? parts.map((p) => (opts.plain ? p : isolate(p))).join(", ") : "(city not named yet)";
}

/** "SC-0007 · Ravenna, Italy" */
export function applicationTitle(app: Pick<ApplicationInfo, "id" | "answers">): string {
  return `${applicationNumber(app.id)} · ${cityTitle(app.answers)}`;
}

// Building an Intl.DateTimeFormat costs far more than using one; cards and reminders format many dates.
const formats = new Map<string, Intl.DateTimeFormat>();
function format(kind: "date" | "datetime" | "zone", timeZone: string): Intl.DateTimeFormat {
  const key = `${kind}|${timeZone}`;
  let f = formats.get(key);
  if (!f) {
    const opts: Intl.DateTimeFormatOptions =
      kind === "date" ? { month: "short", day: "numeric", year: "numeric" } : kind === "datetime" ? { dateStyle: "medium", timeStyle: "short" } : { timeZoneName: "short" };
    f = new Intl.DateTimeFormat("en-US", { timeZone, ...opts });
    formats.set(key, f);
  }
  return f;
}

/** A date in the city's time zone, e.g. "Mar 4, 2027". */
export function formatDate(d: Date, timeZone: string): string {
  return format("date", timeZone).format(d);
}

/** Calendar days from `from` to `to` as the city counts them (midnight to midnight in its zone). */
export function calendarDaysBetween(from: Date, to: Date, timeZone: string): number {
  const day = (d: Date) => {
    const parts = Object.fromEntries(format("date", timeZone).formatToParts(d).map((p) => [p.type, p.value]));
    return Date.UTC(Number(parts.year), MONTHS.indexOf(parts.month ?? ""), Number(parts.day));
  };
  return Math.round((day(to) - day(from)) / 86_400_000);
}
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "since Mar 2, 2027 (today)", "(yesterday)" or "(3 days)": when a wait began and how long it has lasted. */
export function waitingSince(since: Date, now: Date, timeZone: string): string {
  const days = calendarDaysBetween(since, now, timeZone);
  const howLong = days <= 0 ? "today" : days === 1 ? "yesterday" : `${days} days`;
  return `since ${formatDate(since, timeZone)} (${howLong})`;
}

/** A moment in the city's time zone, e.g. "Mar 4, 2027, 9:05 AM PST". */
export function formatDateTime(d: Date, timeZone: string): string {
  return `${format("datetime", timeZone).format(d)} ${zoneAbbrev(d, timeZone)}`;
}

function zoneAbbrev(d: Date, timeZone: string): string {
  return format("zone", timeZone).formatToParts(d).find((p) => p.type === "timeZoneName")?.value ?? timeZone;
}

/** The facts reviewers compare: size, water, metropolis, origins, activities, people, plan and budget. */
export function summaryFields(a: Draft, applicantName: string): Field[] {
  const labels = <K extends string>(keys: readonly K[] | undefined, names: Record<K, string>) =>
    keys && keys.length > 0 ? keys.map((k) => names[k]).join(", ") : "—";
  return [
    { label: "Population", value: fmt(a.population) },
    { label: "Near water", value: a.nearWater === undefined ? "—" : a.nearWater ? `Yes${a.waterBody ? `, ${a.waterBody}` : ""}` : "No" },
    { label: "Metropolis", value: a.metropolis ? `${a.metropolis}${a.metropolisDistanceKm !== undefined ? `, ${fmt(a.metropolisDistanceKm)} km` : ""}` : "—" },
    { label: "How it started", value: labels(a.origins, ORIGINS) },
    { label: "Activities", value: labels(a.activities, ACTIVITIES) },
    { label: "Applicant", value: `${isolate(applicantName)}${a.sponsorRole ? ` (${SPONSOR_ROLES[a.sponsorRole]})` : ""}` },
    { label: "Their contact", value: a.contactName ? [a.contactName, a.contactTitle, a.contactEmail].filter(Boolean).join(", ") : "—" },
    { label: "Letter of interest", value: a.letterOfInterest === undefined ? "—" : a.letterOfInterest ? `Received${a.letterUrl ? `: ${a.letterUrl}` : ""}` : "Not yet" },
    { label: "First-year budget", value: a.budgetUsd === undefined ? "—" : `$${fmt(a.budgetUsd)}` },
  ];
}

/** The long answers, each clipped so the card stays inside both platforms' limits; the export has them in full. */
export function longTextBlocks(a: Draft): Block[] {
  const out: Block[] = [];
  const add = (label: string, v: string | undefined) => {
    if (v) out.push({ type: "text", text: `${label}: ${clip(v, 600)}` });
  };
  add("Story", a.originNote);
  add("About the activities", a.activityNote);
  add("Community support", a.communitySupport);
  add("First-year plan", a.firstYearPlan);
  add("Notes", a.notes);
  return out;
}

/** The reviewers' checklist from the policy criteria. */
export function checklistBlock(criteria: Criterion[]): Block {
  return { type: "checklist", items: criteria.map((c) => ({ state: c.state, label: c.label, detail: c.why })) };
}

/** "Approve 3 · Deny 1 · Abstain 0 · Recused 1 — quorum 4 of 7: met" */
export function tallyLine(t: Tally): string {
  return `Approve ${t.approve} · Deny ${t.deny} · Abstain ${t.abstain} · Recused ${t.recuse} — quorum ${t.quorum} of ${t.rosterSize}: ${t.quorumMet ? "met" : `not yet (${t.present} present)`}`;
}

/** The plain-words result of a closed round. */
export function outcomeLine(outcome: Outcome, t: Tally): string {
  const counts = `${t.approve} approve, ${t.deny} deny, ${t.abstain} abstain, ${t.recuse} recused`;
  if (outcome === "approved") return `The Commission APPROVED this application (${counts}).`;
  if (outcome === "denied") return `The Commission DENIED this application (${counts}).`;
  return `The vote closed WITHOUT A QUORUM (${t.present} present, ${t.quorum} needed). The director or chair can open a new vote.`;
}

/** One roll-call line: "Alice Chen — Recuse (owns property next to the site) · Mar 4, 9:05 AM PST" */
export function rollCallLine(v: VoteLine, timeZone: string): string {
  return `${isolate(v.name)} — ${CHOICE_LABELS[v.choice]}${v.reason ? ` (${v.reason})` : ""} · ${formatDateTime(v.castAt, timeZone)}`;
}

/** The status line shown under every card header. */
export function statusLine(app: Pick<ApplicationInfo, "status" | "statusReason">): string {
  return `Status: ${STATUS_LABELS[app.status]}${app.statusReason ? ` — ${app.statusReason}` : ""}`;
}
