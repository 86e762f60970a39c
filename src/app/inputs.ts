import { z } from "zod";
import { DomainError } from "../domain/errors.js";

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** A calendar date from a date picker ("2027-03-04"). Stored at noon UTC so it shows as the same day in any US zone. */
export const calendarDate = (label: string) =>
  z
    .string({ error: `${label} is required.` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label} must be a date (YYYY-MM-DD).`)
    .transform((s) => new Date(`${s}T12:00:00Z`))
    .refine((d) => !Number.isNaN(d.getTime()), `${label} is not a real date.`);

/** Optional single-line or multi-line text with a limit; empty becomes null. */
export const optionalText = (label: string, max: number) =>
  z
    .string()
    .optional()
    .transform((s) => (s ?? "").trim())
    .refine((s) => s.length <= max, `${label} must be at most ${max} characters.`)
    .refine((s) => !CONTROL.test(s), `${label} contains control characters.`)
    .transform((s) => (s === "" ? null : s));

/** Required single-line text. */
export const requiredLine = (label: string, max: number) =>
  z
    .string({ error: `${label} is required.` })
    .transform((s) => s.trim())
    .refine((s) => s.length > 0, `${label} is required.`)
    .refine((s) => s.length <= max, `${label} must be at most ${max} characters.`)
    .refine((s) => !CONTROL.test(s) && !s.includes("\n"), `${label} must be a single line of text.`);

/** An optional http(s) link. */
export const optionalUrl = (label: string) =>
  optionalText(label, 500).refine((s) => {
    if (s === null) return true;
    try {
      return ["https:", "http:"].includes(new URL(s).protocol);
    } catch {
      return false;
    }
  }, `${label} must be a web address starting with https://`);

/** Parses form input with a zod object, turning problems into a DomainError with field messages. */
export function parseForm<T extends z.ZodType>(schema: T, raw: unknown): z.infer<T> {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  const fields: Record<string, string> = {};
  for (const i of r.error.issues) fields[String(i.path[0] ?? "_form")] ??= i.message;
  throw new DomainError("invalid_input", Object.values(fields)[0] ?? "Some answers need fixing.", fields);
}
