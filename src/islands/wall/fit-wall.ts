/**
 * Fits the wall's board into its box: the largest body size that shows every
 * contribution, and past what fits at the smallest size, a page of them.
 *
 * The lists on the wall lay their items out in as many columns as their width
 * holds at the current size (CSS `auto-fit` in em), so one number, the body
 * size, decides both type and columns: a binary search over it is enough.
 */

/** Every contribution the wall counts, pages and spotlights, whatever the step kind. */
export const WALL_ITEM_SELECTOR = [
  '.ladder-answer',
  '.notes-card',
  '.group-note',
  '.questions-item',
  '.vote-ranked-item',
  '.behaviours-item',
  '.define-card',
  '.result-item',
  '.result-note',
  '.consent-objection',
  '.carried-item',
].join(', ');

/**
 * What shows that a board has moved on even when no item is on it now: a
 * ladder's carried-on answers and earlier rounds. The header and the join panel
 * stay small then too, so a new round's "why?" does not fall back to a board
 * squeezed beside the full-size join panel.
 */
export const WALL_PROGRESS_SELECTOR = '.ladder-rung--picked, .ladder-other';

/** Set on items the current page leaves out (CSS hides them). */
export const WALL_OFF_ATTRIBUTE = 'data-wall-off';

const SEARCH_STEPS = 7;
/** Sub-pixel rounding in layout; a box this much larger still counts as fitting. */
const SLACK_PX = 1;

export type WallFit = {
  /** Body size in px. */
  fontPx: number;
  /** All contributions on the board. */
  total: number;
  /** Shown on this page. */
  shown: number;
  /** The first item of this page. */
  start: number;
  /** The board holds items or earlier progress (see WALL_PROGRESS_SELECTOR). */
  filled: boolean;
};

type FitInput = {
  /** The box with a fixed size (overflow hidden). */
  box: HTMLElement;
  /** Its content, whose font size is set. */
  content: HTMLElement;
  minPx: number;
  maxPx: number;
  /** Where the page begins (0 when everything fits). */
  start: number;
};

export function fitWall({ box, content, minPx, maxPx, start }: FitInput): WallFit {
  const items = [...content.querySelectorAll<HTMLElement>(WALL_ITEM_SELECTOR)];
  const filled = items.length > 0 || content.querySelector(WALL_PROGRESS_SELECTOR) !== null;
  const fits = () => box.scrollHeight <= box.clientHeight + SLACK_PX && box.scrollWidth <= box.clientWidth + SLACK_PX;
  const setSize = (px: number) => content.style.setProperty('font-size', `${px}px`);
  const show = (from: number, to: number) =>
    items.forEach((item, i) => item.toggleAttribute(WALL_OFF_ATTRIBUTE, i < from || i >= to));

  show(0, items.length);
  setSize(maxPx);
  if (fits()) return { fontPx: maxPx, total: items.length, shown: items.length, start: 0, filled };
  setSize(minPx);
  if (fits()) {
    let lo = minPx;
    let hi = maxPx;
    for (let step = 0; step < SEARCH_STEPS; step += 1) {
      const mid = (lo + hi) / 2;
      setSize(mid);
      if (fits()) lo = mid;
      else hi = mid;
    }
    const fontPx = Math.floor(lo * 10) / 10;
    setSize(fontPx);
    return { fontPx, total: items.length, shown: items.length, start: 0, filled };
  }

  // Too many for one screen at the smallest size: the most that fit from `start` on.
  const from = start < items.length ? start : 0;
  let lo = 0;
  let hi = items.length - from;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    show(from, from + mid);
    if (fits()) lo = mid;
    else hi = mid - 1;
  }
  // Always show at least one item, even one too long for the screen: its end is cut, not the wall.
  const shown = items.length > 0 ? Math.max(1, lo) : 0;
  show(from, from + shown);
  return { fontPx: minPx, total: items.length, shown, start: from, filled };
}
