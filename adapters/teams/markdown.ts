// Teams renders a markdown subset in TextBlock text and in FactSet titles and values. Every string in the neutral
// view tree is plain text (often typed by a user), so it is escaped before it reaches a card.

// Characters that format text wherever they appear. "<" is deliberately left alone: Teams only turns
// "<at>…</at>" into a mention when the card also carries a matching msteams.entities entry, which this
// renderer never emits, so "<at>" must reach the reader literally instead of as "&lt;at&gt;" or "\<at>".
const INLINE = /[\\`*_~[\]()#|]/g;
// Characters that only format at the start of a line: quotes, bullets, ordered lists.
const LINE_START = /^([ \t]*)(>|[-+](?=[ \t])|\d+(?=[.)][ \t]))/gm;

/** Escapes plain text for a TextBlock or Fact so it shows exactly as typed: no bold, links, lists or headings. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(INLINE, "\\$&")
    .replace(LINE_START, (_m, indent: string, mark: string) => (/^\d/.test(mark) ? `${indent}${mark}\\` : `${indent}\\${mark}`));
}

/** Undoes escapeMarkdown; tests use it to read a rendered card as people see it. */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([\\`*_~[\]()#|>+\-.])/g, "$1");
}
