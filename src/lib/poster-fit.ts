/**
 * How large a poster sets its result: the largest type size whose text, wrapped
 * as a browser would wrap it, fits the sheet's type area, so a short purpose
 * fills the page and the longest one allowed still fits on it.
 *
 * Lengths are in poster units (`--u` in poster.css): a hundredth of the width
 * of an A4 or A3 sheet, and a little over a hundredth of the height of the
 * 16:9 screen. The sizes of each tier are mirrored in poster.css (a unit test
 * keeps the two equal).
 */
import type { ExportedResult } from './export/schema.ts';
import type { PosterFormat } from './poster.ts';

/** Type sizes of a sentence, largest first (`--size` of `.poster--tier-N`). */
export const SENTENCE_SIZES = [15, 13, 11, 9.2, 7.7, 6.4, 5.4, 4.6] as const;
/** Type sizes of a list's items, largest first (`--list` of `.poster--tier-N`). */
export const LIST_SIZES = [7, 6, 5.2, 4.5, 3.8, 3.2, 2.6, 2] as const;

/**
 * The room the result has between the kicker and the foot, with room kept for
 * a two-line kicker, the "not agreed" badge, the team name and a two-line foot.
 */
export const TYPE_AREA: Record<PosterFormat, { width: number; height: number }> = {
  a4: { width: 80, height: 76 },
  a3: { width: 80, height: 76 },
  screen: { width: 145, height: 46 },
};

/**
 * An average letter is about this wide, in ems: large bold sentences wrap
 * with more waste (balanced lines, long words) than list items; details are
 * set in regular weight. Measured on DejaVu Sans, the widest font we meet.
 */
const LETTER_EM = 0.62;
const ITEM_LETTER_EM = 0.58;
const DETAIL_LETTER_EM = 0.52;
/** A single long word, measured alone (Danish and Norwegian compounds). */
const WORD_LETTER_EM = 0.61;
const SENTENCE_LINE = 1.1;
const ITEM_LINE = 1.18;
/** Details and tags are set at this share of the item size, with this line height. */
const DETAIL_SCALE = 0.62;
const DETAIL_LINE = 1.3;
/** The number column and its gap, in ems of the item size. */
const NUMBER_EM = 2.15;
/** Space between items, in ems. */
const ITEM_GAP_EM = 0.55;
/** Room for a detail's translated label ("How you can see it:"), in letters. */
const LABEL_ROOM = 'x'.repeat(18);
/** The "… and N more" line under a cut list. */
const MORE_LINE_U = 5;

/**
 * 1 (largest) to 8: the tier of the largest sentence size that fits. A size at
 * which the longest word would have to be broken is passed over while a
 * smaller one can keep it whole.
 */
export function sentenceTier(text: string, format: PosterFormat): number {
  const area = TYPE_AREA[format];
  const longestWord = Math.max(
    0,
    ...text
      .trim()
      .split(/\s+/)
      .map((word) => word.length),
  );
  const fits = (size: number, keepWords: boolean) => {
    const perLine = area.width / (LETTER_EM * size);
    if (keepWords && longestWord * WORD_LETTER_EM * size > area.width) return false;
    return wrappedLines(text, perLine) * SENTENCE_LINE * size <= area.height;
  };
  const whole = SENTENCE_SIZES.findIndex((size) => fits(size, true));
  const index = whole >= 0 ? whole : SENTENCE_SIZES.findIndex((size) => fits(size, false));
  return index < 0 ? SENTENCE_SIZES.length : index + 1;
}

/** Most items a list poster holds; the rest are counted under it ("… and 4 more"). */
export const POSTER_MAX_ITEMS = 10;
/** Lists with more items than this leave out the details (how, signs, what for). */
const DETAIL_MAX_ITEMS = 6;
/** Details are kept only while the items can stay at least this large. */
const DETAIL_MIN_SIZE = LIST_SIZES[5];

export type PosterListItem = {
  id: string;
  /** 1-based: priority, rank or position. */
  number: number;
  text: string;
  /** For a chosen question: open or closed. */
  questionType: 'open' | 'closed' | null;
  /** Extra lines under the item, each with a label the page translates. */
  details: { label: 'how' | 'signs' | 'purpose' | 'moment'; text: string }[];
};

export type PosterList = {
  items: PosterListItem[];
  /** False for groups: their order says nothing, so they carry no numbers. */
  numbered: boolean;
  more: number;
  tier: number;
  withDetails: boolean;
};
/** A result that is a list rather than one text. */
export type ListResult = Exclude<ExportedResult, { kind: 'statement' | 'definition' }>;

/** The items of a list result as the poster sets them, and the tier that fits them. */
export function posterList(result: ListResult, format: PosterFormat): PosterList {
  const all = listItems(result);
  const shown = all.slice(0, POSTER_MAX_ITEMS);
  const more = all.length - shown.length;
  const numbered = result.kind !== 'groups';
  const area = TYPE_AREA[format];
  const fitting = (items: readonly PosterListItem[]) =>
    LIST_SIZES.findIndex((size) => listHeight(items, size, area.width) + (more > 0 ? MORE_LINE_U : 0) <= area.height);
  if (shown.length <= DETAIL_MAX_ITEMS && shown.some((item) => item.details.length > 0)) {
    const index = fitting(shown);
    if (index >= 0 && LIST_SIZES[index]! >= DETAIL_MIN_SIZE) {
      return { items: shown, numbered, more, tier: index + 1, withDetails: true };
    }
  }
  const bare = shown.map((item) => ({ ...item, details: [] }));
  const index = fitting(bare);
  return { items: bare, numbered, more, tier: index < 0 ? LIST_SIZES.length : index + 1, withDetails: false };
}

/** The height of a list at an item size: each item's lines, its tag and details, and the gaps. */
function listHeight(items: readonly PosterListItem[], size: number, width: number): number {
  const textWidth = width - NUMBER_EM * size;
  const small = size * DETAIL_SCALE;
  return items.reduce((height, item, index) => {
    const text = wrappedLines(item.text, textWidth / (ITEM_LETTER_EM * size)) * ITEM_LINE * size;
    const tag = item.questionType ? DETAIL_LINE * small : 0;
    const details = item.details.reduce(
      (sum, line) =>
        sum + wrappedLines(`${LABEL_ROOM} ${line.text}`, textWidth / (DETAIL_LETTER_EM * small)) * DETAIL_LINE * small,
      0,
    );
    return height + text + tag + details + (index > 0 ? ITEM_GAP_EM * size : 0);
  }, 0);
}

/**
 * Lines a text takes when wrapped at word boundaries to `perLine` letters; a
 * word longer than a line is broken (as `overflow-wrap: anywhere` does).
 */
export function wrappedLines(text: string, perLine: number): number {
  const capacity = Math.max(1, Math.floor(perLine));
  let lines = 0;
  let used = 0;
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    if (word.length > capacity) {
      // A broken word starts a line of its own and fills whole lines.
      lines += (used > 0 ? 1 : 0) + Math.floor(word.length / capacity);
      used = word.length % capacity;
      continue;
    }
    const needed = used === 0 ? word.length : used + 1 + word.length;
    if (needed <= capacity) {
      used = needed;
    } else {
      lines += 1;
      used = word.length;
    }
  }
  return lines + (used > 0 ? 1 : 0);
}

function listItems(result: ListResult): PosterListItem[] {
  const filled = (list: PosterListItem['details']) => list.filter((line) => line.text.trim() !== '');
  switch (result.kind) {
    case 'behaviours':
      return result.items.map((b) => ({
        id: b.id,
        number: b.position,
        text: b.text,
        questionType: null,
        details: filled([
          { label: 'how', text: b.how },
          { label: 'signs', text: b.signs },
        ]),
      }));
    case 'chosen':
      return result.items.map((item) => ({
        id: item.id,
        number: item.rank,
        text: item.text,
        questionType: item.question?.type ?? null,
        details: filled([
          ...(item.question
            ? [
                { label: 'moment' as const, text: item.question.momentLabel },
                { label: 'purpose' as const, text: item.question.purpose },
              ]
            : []),
          ...(item.behaviour
            ? [
                { label: 'how' as const, text: item.behaviour.how },
                { label: 'signs' as const, text: item.behaviour.signs },
              ]
            : []),
        ]),
      }));
    case 'groups':
      return result.groups.map((g, index) => ({
        id: g.id,
        number: index + 1,
        text: g.name,
        questionType: null,
        details: [],
      }));
  }
}
