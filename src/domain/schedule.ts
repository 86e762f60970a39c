// Cron schedules evaluated in the city's time zone, with an injected "now", so reminders can be computed and
// tested across daylight-saving changes without waiting for the clock.
import { DomainError } from "./errors.js";

/** A parsed five-field cron expression: minute hour day-of-month month day-of-week. */
export interface CronSchedule {
  minutes: number[];
  hours: number[];
  days: Set<number>;
  months: Set<number>;
  weekdays: Set<number>;
  /** Standard cron: when both day fields are restricted, a day matching either one counts. */
  dayOr: boolean;
  source: string;
}

const FIELDS = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12 },
  { name: "day of week", min: 0, max: 7 },
] as const;

function parseField(text: string, f: (typeof FIELDS)[number]): number[] {
  const out = new Set<number>();
  for (const part of text.split(",")) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!m) throw new Error(`"${part}" in the ${f.name} field`);
    const step = m[4] ? Number(m[4]) : 1;
    const lo = m[1] === "*" ? f.min : Number(m[2]);
    const hi = m[1] === "*" ? f.max : m[3] !== undefined ? Number(m[3]) : m[4] ? f.max : lo;
    if (lo < f.min || hi > f.max || lo > hi || step < 1) throw new Error(`"${part}" is out of range for the ${f.name} (${f.min}–${f.max})`);
    for (let v = lo; v <= hi; v += step) out.add(f.name === "day of week" && v === 7 ? 0 : v);
  }
  return [...out].sort((a, b) => a - b);
}

/** Parses "0 9 * * 1-5"; throws a DomainError a person can act on. */
export function parseCron(expr: string): CronSchedule {
  const parts = expr.trim().split(/\s+/);
  if (parts.length !== 5) throw new DomainError("invalid_input", `"${expr}" is not a schedule: use five fields, minute hour day month weekday (e.g. 0 9 * * 1-5 for weekdays at 9:00).`);
  try {
    const [mi, h, dom, mo, dow] = parts.map((p, i) => parseField(p, FIELDS[i]!));
    return {
      minutes: mi!,
      hours: h!,
      days: new Set(dom),
      months: new Set(mo),
      weekdays: new Set(dow),
      dayOr: parts[2] !== "*" && parts[4] !== "*",
      source: parts.join(" "),
    };
  } catch (e) {
    throw new DomainError("invalid_input", `"${expr}" is not a valid schedule: ${(e as Error).message}.`);
  }
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsIn(d: Date, timeZone: string): LocalParts {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric" });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(d).map((x) => [x.type, Number(x.value)]));
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute! };
}

/** The instant a local wall-clock time names in `timeZone`, or null when it does not exist (the spring-forward gap). */
export function zonedTime(l: LocalParts, timeZone: string): Date | null {
  const wall = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute);
  // Two rounds of "subtract the zone's offset at the guess" settle on the right instant on both sides of a change.
  let t = wall;
  for (let i = 0; i < 2; i++) {
    const p = partsIn(new Date(t), timeZone);
    t = wall - (Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - t);
  }
  const back = partsIn(new Date(t), timeZone);
  return back.hour === l.hour && back.minute === l.minute && back.day === l.day ? new Date(t) : null;
}

/** The first time strictly after `after` that the schedule names, in the city's time zone. */
export function nextOccurrence(s: CronSchedule, timeZone: string, after: Date): Date {
  const start = partsIn(after, timeZone);
  // Walk calendar days in the city's zone; a five-year horizon covers any valid expression (e.g. 29 February).
  const day0 = Date.UTC(start.year, start.month - 1, start.day);
  for (let i = 0; i < 366 * 5; i++) {
    const d = new Date(day0 + i * 86_400_000);
    const [year, month, day, weekday] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCDay()];
    if (!s.months.has(month)) continue;
    const domOk = s.days.has(day);
    const dowOk = s.weekdays.has(weekday);
    if (!(s.dayOr ? domOk || dowOk : domOk && dowOk)) continue;
    for (const hour of s.hours)
      for (const minute of s.minutes) {
        const t = zonedTime({ year, month, day, hour, minute }, timeZone);
        if (t && t.getTime() > after.getTime()) return t;
      }
  }
  throw new DomainError("invalid_input", `The schedule "${s.source}" never comes round.`);
}

/** Whole days between two instants (for "waiting 12 days"). */
export function daysBetween(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / 86_400_000));
}
