import { calendarDaysBetween, waitingSince } from "../../src/views/application-summary.js";
import { describe, expect, it } from "vitest";
import { DomainError } from "../../src/domain/errors.js";
import { daysBetween, nextOccurrence, parseCron, zonedTime } from "../../src/domain/schedule.js";

const LA = "America/Los_Angeles";
const next = (expr: string, after: string, tz = LA) => nextOccurrence(parseCron(expr), tz, new Date(after)).toISOString();

describe("cron schedules in the city's time zone", () => {
  it("weekdays at 9:00: Friday morning → Monday 9:00", () => {
    expect(next("0 9 * * 1-5", "2027-03-05T18:00:00Z")).toBe("2027-03-08T17:00:00.000Z"); // Fri 10:00 PST → Mon 09:00 PST
    expect(next("0 9 * * 1-5", "2027-03-08T16:59:00Z")).toBe("2027-03-08T17:00:00.000Z"); // same day, before 9
    expect(next("0 9 * * 1-5", "2027-03-08T17:00:00Z")).toBe("2027-03-09T17:00:00.000Z"); // strictly after
  });

  it("keeps 9:00 local across the spring-forward switch (14 March 2027)", () => {
    expect(next("0 9 * * 1-5", "2027-03-12T18:00:00Z")).toBe("2027-03-15T16:00:00.000Z"); // Mon 09:00 PDT = 16:00Z
  });

  it("keeps 9:00 local across the fall-back switch (7 November 2027)", () => {
    expect(next("0 9 * * 1-5", "2027-11-05T17:00:00Z")).toBe("2027-11-08T17:00:00.000Z"); // Mon 09:00 PST = 17:00Z
  });

  it("skips a time that does not exist on the spring-forward day, and takes the first of a repeated one", () => {
    expect(next("30 2 * * *", "2027-03-14T08:00:00Z")).toBe("2027-03-15T09:30:00.000Z"); // 02:30 does not exist on Mar 14
    expect(zonedTime({ year: 2027, month: 3, day: 14, hour: 2, minute: 30 }, LA)).toBeNull();
    expect(next("30 1 * * *", "2027-11-07T07:00:00Z")).toBe("2027-11-07T08:30:00.000Z"); // 01:30 PDT, the first one
  });

  it("uses the zone it is given, not the server's", () => {
    expect(next("0 9 * * *", "2027-06-01T00:00:00Z", "Europe/Berlin")).toBe("2027-06-01T07:00:00.000Z");
    expect(next("0 9 * * *", "2027-06-01T00:00:00Z", "Asia/Tokyo")).toBe("2027-06-02T00:00:00.000Z");
  });

  it("supports lists, ranges, steps, Sunday as 0 or 7, and day-of-month OR weekday", () => {
    expect(next("*/15 9-10 * * *", "2027-03-08T17:50:00Z")).toBe("2027-03-08T18:00:00.000Z");
    expect(next("0 9 * * 7", "2027-03-08T00:00:00Z")).toBe(next("0 9 * * 0", "2027-03-08T00:00:00Z"));
    // 1st of the month OR a Monday: from Tue 2 March the next is Mon 8 March, not 1 April.
    expect(next("0 9 1 * 1", "2027-03-02T18:00:00Z")).toBe("2027-03-08T17:00:00.000Z");
    expect(next("0 9 29 2 *", "2027-03-01T00:00:00Z")).toBe("2028-02-29T17:00:00.000Z");
  });

  it("refuses malformed schedules with a message a director can act on", () => {
    for (const bad of ["", "* * *", "61 * * * *", "0 24 * * *", "0 9 * * 8", "0 9 31-1 * *", "every day"]) {
      expect(() => parseCron(bad), bad).toThrow(DomainError);
    }
    expect(() => parseCron("0 9 * * 8")).toThrow(/out of range for the day of week/);
    expect(() => nextOccurrence(parseCron("0 9 31 2 *"), LA, new Date())).toThrow(/never comes round/);
  });

  it("counts whole days waited", () => {
    expect(daysBetween(new Date("2027-03-01T17:00:00Z"), new Date("2027-03-11T16:59:00Z"))).toBe(9);
  });
});

describe("how long a step has waited, in the city's calendar", () => {
  const tz = "America/Los_Angeles";
  it("says today, yesterday or the number of days — never 0 days", () => {
    const since = new Date("2027-12-02T16:00:00Z"); // 8 AM, Dec 2 in Pinole
    expect(waitingSince(since, new Date("2027-12-03T07:59:00Z"), tz)).toBe("since Dec 2, 2027 (today)"); // 11:59 PM the same day
    expect(waitingSince(since, new Date("2027-12-03T08:01:00Z"), tz)).toBe("since Dec 2, 2027 (yesterday)"); // 12:01 AM the next day
    expect(waitingSince(since, new Date("2027-12-09T20:00:00Z"), tz)).toBe("since Dec 2, 2027 (7 days)");
  });
  it("counts calendar days across a clock change", () => {
    expect(calendarDaysBetween(new Date("2027-03-13T20:00:00Z"), new Date("2027-03-15T07:30:00Z"), tz)).toBe(2); // Mar 13 → Mar 15, spring forward between
  });
});

describe("one cron dialect for the sweep and the reminders", () => {
  it("takes day and month names, as SWEEP_CRON (node-cron) does", () => {
    expect(next("0 9 * * MON", "2027-03-05T18:00:00Z")).toBe("2027-03-08T17:00:00.000Z");
    expect(next("0 9 * * MON-FRI", "2027-03-05T18:00:00Z")).toBe(next("0 9 * * 1-5", "2027-03-05T18:00:00Z"));
    expect(next("0 9 1 JAN *", "2027-03-05T18:00:00Z")).toBe("2028-01-01T17:00:00.000Z");
  });

  it("accepts what node-cron validates, and refuses what it refuses", async () => {
    const cron = (await import("node-cron")).default;
    for (const expr of ["* * * * *", "*/5 * * * *", "0 9 * * MON", "0 9 * JAN,JUL SUN", "30 0 9 * * 1-5", "0 9 * * 1-5"]) {
      expect(cron.validate(expr), expr).toBe(true);
      expect(() => parseCron(expr), expr).not.toThrow();
    }
    for (const expr of ["61 * * * *", "0 9 * * FUNDAY", "every day"]) {
      expect(cron.validate(expr), expr).toBe(false);
      expect(() => parseCron(expr), expr).toThrow(DomainError);
    }
  });
});
