import { z } from "zod";
import { DomainError } from "./errors.js";
import { parseCron } from "./schedule.js";

/** Roles a person can hold; a person may hold several. */
export const ROLES = ["director", "chair", "commissioner", "clerk", "escalation"] as const;
export type Role = (typeof ROLES)[number];

const personId = z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, "person id: lowercase letters, digits, . _ - (max 64)");

// A person's ids on the chat platforms sit next to their roles (`<platform id>: <their user id there>`): any other
// key is a platform id, and the platform registry checks both the key and the id's format when the bot starts.
const person = z
  .object({
    id: personId,
    name: z.string().min(1).max(100),
    roles: z.array(z.enum(ROLES)).min(1),
    /** The same ids as a map, as a parsed policy holds them (so a parsed policy can be written out and read again). */
    ids: z.record(z.string(), z.string().min(1).max(200)).optional(),
    /** Their work e-mail: each connected platform finds their id by it, where no id is given for that platform. */
    email: z
      .string()
      .trim()
      .max(254)
      .email("an e-mail address such as dana@ci.pinole.ca.us")
      .transform((e) => e.toLowerCase())
      .optional(),
  })
  .catchall(z.string().min(1).max(200))
  .transform(({ id, name, roles, ids, email, ...rest }) => ({ id, name, roles, ...(email ? { email } : {}), ids: { ...ids, ...(rest as Record<string, string>) } }));

const reactionMap = z
  .object({ approve: z.array(z.string().min(1)).default([]), deny: z.array(z.string().min(1)).default([]) })
  .strict();

/** The city's Sister City policy: who we are, what a good match looks like, how the commission votes, who holds which role. */
export const policySchema = z
  .object({
    city: z
      .object({
        name: z.string().min(1),
        state: z.string().default(""),
        country: z.string().min(1),
        population: z.number().int().positive(),
        timeZone: z.string().refine(isTimeZone, "an IANA time zone such as America/Los_Angeles"),
        waterBody: z.string().default(""),
        metropolis: z.string().default(""),
      })
      .strict(),
    criteria: z
      .object({
        /** The candidate's population divided by ours must fall inside this band to count as "similar size". */
        populationRatio: z.object({ min: z.number().positive(), max: z.number().positive() }).strict().default({ min: 0.5, max: 2 }),
        requireNearWater: z.boolean().default(true),
        maxMetropolisDistanceKm: z.number().int().positive().default(80),
        requireLetterOfInterest: z.boolean().default(true),
      })
      .strict()
      .refine((c) => c.populationRatio.min <= c.populationRatio.max, "criteria.populationRatio.min must not exceed max")
      .default({ populationRatio: { min: 0.5, max: 2 }, requireNearWater: true, maxMetropolisDistanceKm: 80, requireLetterOfInterest: true }),
    commission: z
      .object({
        votingMode: z.enum(["open", "meeting"]).default("open"),
        /** "majority" = more than half of the roster; or a fixed number of members present. */
        quorum: z.union([z.literal("majority"), z.number().int().positive()]).default("majority"),
        /** votes_cast: approvals > denials; present: approvals > half of those present; roster: approvals > half of the roster. */
        approval: z.enum(["votes_cast", "present", "roster"]).default("votes_cast"),
        votingDays: z.number().int().min(1).max(90).default(14),
        /** Meeting mode: how long after the meeting's start votes may be cast (the vote closes itself then). */
        meetingVoteHours: z.number().int().min(1).max(24).default(6),
        /** Per platform id: the reactions on the commission card that count as votes (else the platform's defaults). */
        reactions: z.record(z.string(), reactionMap).default({}),
      })
      .strict()
      .default({ votingMode: "open", quorum: "majority", approval: "votes_cast", votingDays: 14, meetingVoteHours: 6, reactions: {} }),
    reminders: z
      .object({
        /** Reminds the director while an application waits for City Council (cron, in the city's time zone). */
        council: z.string().default("0 9 * * 1-5"),
        /** After this many reminders without any action, the escalation contacts are reminded too. */
        escalateAfter: z.number().int().min(1).max(100).default(3),
        /** After adoption, reminds until the signed agreement is recorded. */
        agreement: z.string().default("0 9 * * 1"),
        /** Reminds the director when an application has waited this many days for intake… */
        intakeAfterDays: z.number().int().min(1).max(365).default(3),
        /** …and then on this schedule until the director decides. */
        intake: z.string().default("0 9 * * 1-5"),
        /** Commissioners who have not voted are nudged this many hours before a vote's deadline (0 = never). */
        nudgeHoursBeforeDeadline: z.number().int().min(0).max(24 * 30).default(24),
        snoozeDays: z.number().int().min(1).max(90).default(7),
      })
      .strict()
      .superRefine((r, ctx) => {
        for (const key of ["council", "agreement", "intake"] as const) {
          try {
            parseCron(r[key]);
          } catch (e) {
            ctx.addIssue({ code: "custom", path: [key], message: e instanceof DomainError ? e.userMessage : String(e) });
          }
        }
      })
      .default({ council: "0 9 * * 1-5", escalateAfter: 3, agreement: "0 9 * * 1", intakeAfterDays: 3, intake: "0 9 * * 1-5", nudgeHoursBeforeDeadline: 24, snoozeDays: 7 }),
    /** Per-person limits, so one person (or a script) cannot flood the director; staff are held to them too. */
    limits: z
      .object({
        /** Drafts one person may have at once. */
        openDrafts: z.number().int().min(1).max(1000).default(3),
        /** Applications one person may have in progress (submitted, returned for changes, with the commission or council). */
        openApplications: z.number().int().min(1).max(1000).default(3),
        /** Submissions (and resubmissions) one person may make in any 60 minutes. */
        submissionsPerHour: z.number().int().min(1).max(1000).default(5),
      })
      .strict()
      .default({ openDrafts: 3, openApplications: 3, submissionsPerHour: 5 }),
    intakeNotices: z
      .object({
        /** New applications that reach a director within this many seconds of the last notice go out as one message. */
        groupWithinSeconds: z.number().int().min(0).max(3600).default(120),
      })
      .strict()
      .default({ groupWithinSeconds: 120 }),
    /** Per platform id: where the commission's cards are posted. */
    channels: z.record(z.string(), z.string().min(1)).default({}),
    people: z.array(person).default([]),
  })
  .strict()
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    for (const [i, who] of p.people.entries()) {
      // Runs even when an entry failed its own checks (then untransformed, without `ids`); those are reported already.
      if (!who.ids) continue;
      for (const key of [`id:${who.id}`, ...(who.email ? [`email:${who.email}`] : []), ...Object.entries(who.ids).map(([platform, id]) => `${platform}:${id}`)]) {
        if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["people", i], message: `duplicate ${key}` });
        seen.add(key);
      }
    }
  });

export type Policy = z.infer<typeof policySchema>;
export type Person = Policy["people"][number];

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
