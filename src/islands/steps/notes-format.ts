/** Text helpers of the notes and group steps. */

/** How much of a note names it in a button label or a list of choices. */
const EXCERPT_CHARS = 60;

/** The start of a note on one line, for labels ("Remove: “Call back the same…”"). */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}
