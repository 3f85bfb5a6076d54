/**
 * How a picked answer goes into the next "why?". An answer to "why?" often
 * starts with the word that answers it ("fordi …", "så …", "because …", "to
 * …"), and pasted into "Why does it matter that {answer}?" that word breaks
 * the question ("… vigtigt, at så kunden føler sig tryg?"). So the leading
 * connective is dropped, and an answer that gives a purpose with an
 * infinitive ("for at hjælpe", "for å hjelpe", "to help") goes into the
 * step's infinitive form of the question when it has one.
 */
import type { Locale } from '../model/locale.ts';

export type FollowUpAnswer = {
  /** Which of the step's questions the answer fits. */
  form: 'clause' | 'infinitive';
  /** The answer without its leading connective. */
  text: string;
};

/**
 * Leading words, longest first, that only link the answer to the question.
 * "at"/"that" alone also go: the question supplies its own.
 */
const CLAUSE_MARKERS: Record<Locale, readonly string[]> = {
  da: ['sådan at', 'således at', 'så at', 'fordi at', 'fordi', 'eftersom', 'idet', 'så', 'at'],
  nb: ['slik at', 'sånn at', 'så at', 'for at', 'fordi at', 'fordi', 'ettersom', 'siden', 'så', 'at'],
  en: ['so that', 'because', "'cause", 'since', 'so', 'that'],
};

/**
 * Markers of an infinitive of purpose. In Danish "at" serves both a clause and
 * an infinitive ("vigtigt at kunden …" and "vigtigt at hjælpe …" both read
 * well), so "for at" leads to the infinitive form, which has no comma.
 */
const INFINITIVE_MARKERS: Record<Locale, readonly string[]> = {
  da: ['for at', 'at'],
  nb: ['for å', 'å'],
  en: ['in order to', 'so as to', 'to'],
};

/** Strips one marker from the start of `text` (case-insensitive, a whole word, with a comma after it). */
function stripMarker(text: string, markers: readonly string[], locale: Locale): string | null {
  const lower = text.toLocaleLowerCase(locale);
  for (const marker of markers) {
    if (!lower.startsWith(marker)) continue;
    const rest = text.slice(marker.length);
    // A whole word only: "sådan" is not "så", "today" is not "to", "so-called" is not "so".
    const after = /^(?:\s*[,:;–]\s*|\s+)/u.exec(rest);
    if (!after) continue;
    const remaining = rest.slice(after[0].length);
    if (remaining.trim() !== '') return remaining;
  }
  return null;
}

/**
 * The answer as the follow-up question needs it. `hasInfinitive`: the step has
 * an infinitive form of the question; without one an infinitive answer keeps
 * its marker rather than lose its sense.
 */
export function followUpAnswer(text: string, locale: Locale, hasInfinitive: boolean): FollowUpAnswer {
  let current = text.trim();
  // "Fordi så …" and "So because …" happen in speech-like answers: drop every leading connective.
  for (let guard = 0; guard < 4; guard++) {
    // The infinitive first: Danish "at" is both, and reads right in the infinitive form.
    const infinitive = hasInfinitive ? stripMarker(current, INFINITIVE_MARKERS[locale], locale) : null;
    if (infinitive !== null) return { form: 'infinitive', text: infinitive };
    const stripped = stripMarker(current, CLAUSE_MARKERS[locale], locale);
    if (stripped === null) break;
    current = stripped;
  }
  return { form: 'clause', text: current };
}
