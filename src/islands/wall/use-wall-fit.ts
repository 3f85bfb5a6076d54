import { useEffect, useRef, useState, type RefObject } from 'react';
import type { WallScale } from '../../lib/wall-scale.ts';
import { fitWall, type WallFit } from './fit-wall.ts';

/** How long one page stays up when the board needs more than one screen. */
export const WALL_PAGE_MS = 15_000;

export type WallFitState = WallFit & {
  /** False while a change waits for the next frame's fit. */
  settled: boolean;
};

const EMPTY: WallFitState = { fontPx: 0, total: 0, shown: 0, start: 0, filled: false, settled: false };

/**
 * Keeps the board fitted: again on every change of the board's content (remote
 * edits), of the box's size (window, header receding) and once the web font has
 * loaded. When it pages, the page turns every WALL_PAGE_MS.
 */
export function useWallFit(
  box: RefObject<HTMLElement | null>,
  content: RefObject<HTMLElement | null>,
  scale: WallScale,
  /** Changes when the board is replaced (another step): the page starts over. */
  resetKey: string,
): WallFitState {
  const [fit, setFit] = useState<WallFitState>(EMPTY);
  const start = useRef(0);
  const frame = useRef(0);
  // The effect depends on the two numbers, not on the caller's object (a new one each render).
  const { minPx, maxPx } = scale;

  useEffect(() => {
    start.current = 0;
    const boxEl = box.current;
    const contentEl = content.current;
    if (!boxEl || !contentEl) return;
    let active = true;
    const run = () => {
      frame.current = 0;
      if (!active) return;
      const result = fitWall({ box: boxEl, content: contentEl, minPx, maxPx, start: start.current });
      start.current = result.start;
      contentEl.dataset.wallFit = 'done';
      setFit((previous) => (same(previous, result) ? previous : { ...result, settled: true }));
    };
    const schedule = () => {
      contentEl.dataset.wallFit = 'pending';
      if (frame.current === 0) frame.current = requestAnimationFrame(run);
    };
    // Content only: the fitter's own changes (styles, the page's hidden items) are attributes and are not observed.
    const mutations = new MutationObserver(schedule);
    mutations.observe(contentEl, { childList: true, subtree: true, characterData: true });
    const resizes = new ResizeObserver(schedule);
    resizes.observe(boxEl);
    void document.fonts?.ready.then(schedule);
    schedule();
    return () => {
      active = false;
      mutations.disconnect();
      resizes.disconnect();
      if (frame.current !== 0) cancelAnimationFrame(frame.current);
      frame.current = 0;
    };
  }, [box, content, minPx, maxPx, resetKey]);

  const paging = fit.shown < fit.total;
  useEffect(() => {
    if (!paging) return;
    const timer = setInterval(() => {
      const next = start.current + fit.shown;
      start.current = next >= fit.total ? 0 : next;
      const contentEl = content.current;
      const boxEl = box.current;
      if (!contentEl || !boxEl) return;
      const result = fitWall({ box: boxEl, content: contentEl, ...scale, start: start.current });
      start.current = result.start;
      setFit({ ...result, settled: true });
    }, WALL_PAGE_MS);
    return () => clearInterval(timer);
  }, [paging, fit.shown, fit.total, box, content, scale]);

  return fit;
}

const same = (a: WallFitState, b: WallFit) =>
  a.settled &&
  a.fontPx === b.fontPx &&
  a.total === b.total &&
  a.shown === b.shown &&
  a.start === b.start &&
  a.filled === b.filled;
