import { z } from "zod";

/** How the relationship between the two cities began; several may apply. */
export const ORIGINS = {
  mayoral: "Mayoral ties",
  trade: "Trade",
  historical: "Historical connection",
  ancestral: "Ancestry or demographics",
  expatriate: "Expatriate community",
  shared_challenges: "Shared challenges",
  faith: "Faith groups",
  personal: "Personal experience",
} as const;

/** What the two cities plan to do together; several may apply. */
export const ACTIVITIES = {
  cultural: "Cultural exchange",
  youth_education: "Youth and education",
  community_development: "Community development",
  business_trade: "Business and trade",
  humanitarian: "Humanitarian service",
} as const;

/** Who is sponsoring the application inside our city. */
export const SPONSOR_ROLES = { councilmember: "Councilmember", staff: "City staff" } as const;

export type Origin = keyof typeof ORIGINS;
export type Activity = keyof typeof ACTIVITIES;

/**
 * Text limits. They fit inside both platforms: a Slack plain_text_input allows 3000 characters and a section
 * field 2000, so the longest answer plus its label still fits one Slack field and one Adaptive Card TextBlock.
 */
export const LIMITS = {
  name: 100,
  email: 254,
  url: 500,
  note: 1000,
  longText: 1900,
  maxPopulation: 50_000_000,
  maxDistanceKm: 20_000,
  maxBudgetUsd: 100_000_000,
} as const;

const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

// Control characters other than tab/newline are refused: they break cards and hide text in the public record.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

// Missing answers say "required"; answers of the wrong type say what was expected.
const missingOr = (label: string, wrongType: string) => (issue: { input?: unknown }) =>
  issue.input === undefined || issue.input === null ? `${label} is required.` : wrongType;

const text = (max: number, label: string) =>
  z
    .string({ error: missingOr(label, `${label} must be text.`) })
    .transform((s) => s.replace(/\r\n?/g, "\n").trim())
    .refine((s) => !CONTROL.test(s), `${label} contains control characters.`)
    .refine((s) => s.length <= max, `${label} must be at most ${max} characters.`);

const line = (max: number, label: string) =>
  text(max, label).refine((s) => !s.includes("\n"), `${label} must be a single line.`);

const wholeNumber = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: missingOr(label, `${label} must be a number.`) })
    .int(`${label} must be a whole number.`)
    .min(min, `${label} must be at least ${min.toLocaleString("en-US")}.`)
    .max(max, `${label} must be at most ${max.toLocaleString("en-US")}.`);

const httpsUrl = (label: string) =>
  line(LIMITS.url, label).refine((s) => {
    if (s === "") return true;
    try {
      const u = new URL(s);
      return u.protocol === "https:" || u.protocol === "http:";
    } catch {
      return false;
    }
  }, `${label} must be a web address starting with https://`);

const email = (label: string) =>
  line(LIMITS.email, label).refine((s) => s === "" || /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(s), `${label} must be an email address.`);

const yesNo = (label: string) => z.boolean({ error: missingOr(label, `${label}: answer yes or no.`) });

/** Every answer of the form, each validated with its own message. Drafts may leave any of them out. */
export const answerFields = {
  proposedCity: line(LIMITS.name, "City"),
  country: line(LIMITS.name, "Country"),
  region: line(LIMITS.name, "Region or state"),
  population: wholeNumber("Population", 1, LIMITS.maxPopulation),
  nearWater: yesNo("Near water"),
  waterBody: line(LIMITS.name, "Body of water"),
  metropolis: line(LIMITS.name, "Nearby metropolis"),
  metropolisDistanceKm: wholeNumber("Distance to the metropolis", 0, LIMITS.maxDistanceKm),
  origins: z.array(z.enum(keys(ORIGINS), { error: "Unknown way the relationship started." }), { error: missingOr("How the relationship started", "Choose how the relationship started.") }),
  originNote: text(LIMITS.note, "How it started (note)"),
  activities: z.array(z.enum(keys(ACTIVITIES), { error: "Unknown activity." }), { error: missingOr("Planned activities", "Choose the planned activities.") }),
  activityNote: text(LIMITS.note, "Planned activities (note)"),
  sponsorRole: z.enum(keys(SPONSOR_ROLES), { error: missingOr("Your role", "Choose councilmember or city staff.") }),
  contactName: line(LIMITS.name, "Contact name"),
  contactTitle: line(LIMITS.name, "Contact title"),
  contactEmail: email("Contact email"),
  letterOfInterest: yesNo("Letter of interest received"),
  letterUrl: httpsUrl("Letter of interest link"),
  communitySupport: text(LIMITS.longText, "Community support"),
  firstYearPlan: text(LIMITS.longText, "First-year plan"),
  budgetUsd: wholeNumber("Estimated first-year budget", 0, LIMITS.maxBudgetUsd),
  notes: text(LIMITS.longText, "Notes"),
} as const;

export type FieldName = keyof typeof answerFields;

/** Answers as stored: any subset while drafting. */
export const draftSchema = z.object(answerFields).partial().strict();
export type Draft = z.infer<typeof draftSchema>;

/** A complete application, checked when the applicant submits. */
export const submissionSchema = z
  .object({
    ...answerFields,
    proposedCity: answerFields.proposedCity.refine((s) => s.length > 0, "City is required."),
    country: answerFields.country.refine((s) => s.length > 0, "Country is required."),
    metropolis: answerFields.metropolis.refine((s) => s.length > 0, "Nearby metropolis is required (the nearest large city)."),
    origins: answerFields.origins.min(1, "Choose at least one way the relationship started."),
    activities: answerFields.activities.min(1, "Choose at least one planned activity."),
    contactName: answerFields.contactName.refine((s) => s.length > 0, "Contact name is required."),
    contactEmail: answerFields.contactEmail.refine((s) => s.length > 0, "Contact email is required."),
    firstYearPlan: answerFields.firstYearPlan.refine((s) => s.length > 0, "First-year plan is required."),
    region: answerFields.region.optional().default(""),
    waterBody: answerFields.waterBody.optional().default(""),
    originNote: answerFields.originNote.optional().default(""),
    activityNote: answerFields.activityNote.optional().default(""),
    contactTitle: answerFields.contactTitle.optional().default(""),
    letterUrl: answerFields.letterUrl.optional().default(""),
    communitySupport: answerFields.communitySupport.optional().default(""),
    notes: answerFields.notes.optional().default(""),
  })
  .strict()
  .superRefine((a, ctx) => {
    for (const [field, message] of Object.entries(conditionalProblems(a))) ctx.addIssue({ code: "custom", path: [field], message });
  });
export type Submission = z.infer<typeof submissionSchema>;

/** Answers that become required by another answer ("near water: yes" needs the water body), keyed by field. */
export function conditionalProblems(a: Draft): Record<string, string> {
  const out: Record<string, string> = {};
  if (a.nearWater && !a.waterBody) out.waterBody = "Name the body of water (required when the city is near water).";
  if (a.letterOfInterest && !a.letterUrl) out.letterUrl = "Add a link to the letter of interest (required when one was received), or answer no.";
  return out;
}

/**
 * Every problem of a submission at once, keyed by field: what is missing, what a yes makes required, and what is
 * malformed (`formatErrors`, which win for their field because they say more). Empty when it can be submitted.
 */
export function submissionProblems(draft: Draft, formatErrors: Record<string, string> = {}): Record<string, string> {
  const checked = submissionSchema.safeParse(draft);
  // The schema skips its cross-field rule when a field is missing, so the conditional ones are added here too.
  const missing = checked.success ? {} : fieldErrorsOf(checked.error);
  return { ...conditionalProblems(draft), ...missing, ...formatErrors };
}

/** Field-level messages from a zod error, first message per field; form-wide problems go under "_form". */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = typeof issue.path[0] === "string" ? issue.path[0] : "_form";
    if (issue.code === "unrecognized_keys") {
      out._form ??= `Unknown field(s): ${issue.keys.join(", ")}.`;
      continue;
    }
    out[key] ??= issue.message;
  }
  return out;
}
