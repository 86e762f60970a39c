/** Machine-readable reasons a request was refused; adapters may branch on them, people read `userMessage`. */
export type DomainErrorCode =
  | "invalid_input"
  | "not_found"
  | "forbidden"
  | "invalid_transition"
  | "vote_closed"
  | "conflict"
  | "not_configured"
  | "limit_reached";

/** A refusal the user caused and can act on; its message is written for the person, not for a log. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly userMessage: string,
    /** Field-level messages for forms, keyed by field name. */
    readonly fieldErrors: Readonly<Record<string, string>> = {},
  ) {
    super(userMessage);
    this.name = "DomainError";
  }
}

/** True when `e` is a DomainError (also across module copies in tests). */
export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError || (e instanceof Error && e.name === "DomainError" && "userMessage" in e);
}
