// Cron schedules evaluated in the city's time zone, with an injected "now", so reminders can be computed and
// tested across daylight-saving changes without waiting for the clock. croner does the cron arithmetic; node-cron
// stays the sweep's ticker, and both read the same dialect.
import { Cron } from "croner";
import { DomainError } from "./errors.js";

/** A checked cron expression (the dialect SWEEP_CRON takes: five fields, or six with seconds; names such as MON, JAN). */
export interface CronSchedule {
  cron: Cron;
  source: string;
}

const FIELD_NAMES: Record<string, string> = { second: "second", minute: "minute", hour: "hour", day: "day of month", month: "month", dayOfWeek: "day of week" };

/** Parses "0 9 * * 1-5" or "0 9 * * MON-FRI"; throws a DomainError a person can act on. */
export function parseCron(expr: string): CronSchedule {
  const parts = expr.trim().split(/\s+/).filter((p) => p !== "");
  // node-cron (the sweep's ticker) takes five or six fields and no nicknames; croner would take more, so hold it to that.
  if (parts.length !== 5 && parts.length !== 6)
    throw new DomainError("invalid_input", `"${expr}" is not a schedule: use five fields, minute hour day month weekday (e.g. 0 9 * * 1-5 or 0 9 * * MON-FRI for weekdays at 9:00).`);
  const source = parts.join(" ");
  try {
    return { cron: new Cron(source, { paused: true, domAndDow: false }), source };
  } catch (e) {
    const raw = (e as Error).message.replace(/^CronPattern:\s*/, "");
    const range = /^Invalid value for (\w+): (.+)$/.exec(raw);
    const why = range ? `"${range[2]}" is out of range for the ${FIELD_NAMES[range[1]!] ?? range[1]}` : raw;
    throw new DomainError("invalid_input", `"${expr}" is not a valid schedule: ${why}.`);
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

/**
 * The first time strictly after `after` that the schedule names, in the city's time zone. A wall-clock time that
 * does not exist that day (the spring-forward gap) is skipped rather than moved, as the hand-written parser did.
 */
export function nextOccurrence(s: CronSchedule, timeZone: string, after: Date): Date {
  const zoned = new Cron(s.source, { paused: true, domAndDow: false, timezone: timeZone });
  let next = zoned.nextRun(after);
  // croner moves a time inside the gap to just after it; such a run is not one the schedule names.
  for (let i = 0; next && i < 10 && !zoned.match(next); i++) next = zoned.nextRun(next);
  if (!next) throw new DomainError("invalid_input", `The schedule "${s.source}" never comes round.`);
  return next;
}

/** Whole days between two instants (for "waiting 12 days"). */
export function daysBetween(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / 86_400_000));
}
