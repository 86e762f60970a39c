// People's display names come from the chat platforms as the person (or an attacker) typed them. They end up in
// stored records, cards and exports, so they are cleaned once, where each adapter reads the actor.

/** The longest display name kept; real display names are far shorter. */
export const MAX_DISPLAY_NAME = 200;

// C0 and C1 controls (BEL, ESC, newlines…), DEL, line/paragraph separators, and the bidi controls (LRE, RLE,
// PDF, LRO, RLO, LRI, RLI, FSI, PDI, LRM, RLM, ALM) that could flip how a card or an export reads.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

/**
 * A display name safe to store and show: control and bidi-control characters removed, whitespace collapsed, at
 * most MAX_DISPLAY_NAME characters (never splitting a character). Undefined when nothing is left.
 */
export function cleanDisplayName(raw: string | undefined | null): string | undefined {
  if (typeof raw !== "string") return undefined;
  // Cleaning a 600,000-character name in full would be wasted work: far more than any kept name is looked at.
  const cleaned = raw
    .slice(0, MAX_DISPLAY_NAME * 8)
    .replace(UNSAFE, " ")
    .replace(/\s+/g, " ")
    .trim();
  const clipped = Array.from(cleaned).slice(0, MAX_DISPLAY_NAME).join("").trim();
  return clipped === "" ? undefined : clipped;
}
