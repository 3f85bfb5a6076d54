/**
 * How big the wall's type must be. Two rules, the larger wins:
 *
 * - Body text is never below 2.5 % of the screen height (27 px at 1080p),
 *   which reads from the back of a typical meeting room.
 * - With the distance to the back row known, the AV rule of thumb applies:
 *   the smallest character is at least 1/200 of the viewing distance. The
 *   physical screen height turns that into a share of the screen; a capital
 *   letter is about 0.7 of the font size.
 */

/** Body text's smallest size as a share of the viewport height. */
export const WALL_MIN_FONT_SHARE = 0.025;
/** The largest body text, for a handful of items: about twice the minimum. */
export const WALL_MAX_FONT_SHARE = 0.056;
/** The largest text of a spotlighted contribution: one thing on the wall may be read from anywhere. */
export const WALL_SPOTLIGHT_MAX_SHARE = 0.1;
/** Viewing distance per unit of character height (the 1/200 rule). */
export const DISTANCE_PER_CHARACTER = 200;
/** Height of a capital letter as a share of the font size (Inter-like sans). */
export const CAP_HEIGHT_EM = 0.7;
/** A meeting room's projected image: 2.7 m wide at 16:9. */
export const DEFAULT_SCREEN_HEIGHT_M = 1.5;
/** Distances outside this range are typos, not rooms. */
export const DISTANCE_RANGE_M = { min: 1, max: 60 } as const;

export type WallScale = {
  /** The smallest body text in CSS px. */
  minPx: number;
  /** The largest the fitter may grow body text to. */
  maxPx: number;
  /** The largest for one contribution in the spotlight. */
  spotlightMaxPx: number;
};

/** Reads a `?distance=` value in metres; null when missing or out of range. */
export function parseDistance(value: string | null | undefined): number | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const metres = Number(value.replace(',', '.'));
  if (!Number.isFinite(metres) || metres < DISTANCE_RANGE_M.min || metres > DISTANCE_RANGE_M.max) return null;
  return metres;
}

/** The font size (px) whose capitals are 1/200 of `distanceM` tall on a screen `screenHeightM` tall. */
export function distanceFontPx(viewportHeightPx: number, distanceM: number, screenHeightM = DEFAULT_SCREEN_HEIGHT_M) {
  const capShare = distanceM / DISTANCE_PER_CHARACTER / screenHeightM;
  return (capShare * viewportHeightPx) / CAP_HEIGHT_EM;
}

/** The wall's type range for a viewport, optionally for a known distance to the back row. */
export function wallScale(viewportHeightPx: number, distanceM: number | null = null): WallScale {
  const base = viewportHeightPx * WALL_MIN_FONT_SHARE;
  const minPx = distanceM === null ? base : Math.max(base, distanceFontPx(viewportHeightPx, distanceM));
  const maxPx = Math.max(minPx, viewportHeightPx * WALL_MAX_FONT_SHARE);
  const spotlightMaxPx = Math.max(maxPx, viewportHeightPx * WALL_SPOTLIGHT_MAX_SHARE);
  return { minPx: round(minPx), maxPx: round(maxPx), spotlightMaxPx: round(spotlightMaxPx) };
}

const round = (px: number) => Math.round(px * 10) / 10;
