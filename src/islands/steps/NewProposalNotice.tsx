import { useEffect, useRef, useState, type RefObject } from 'react';
import type { Translate } from '../../i18n/index.ts';

type Props = {
  /** Changes with each new proposal (its time); null before the first. */
  proposalKey: number | null;
  /** The proposal on the page, scrolled to from the notice. */
  target: RefObject<HTMLElement | null>;
  t: Translate;
};

/**
 * A new proposal arrives while a participant reads further down (their note,
 * the tally): the live region tells a screen reader, but a sighted person on a
 * scrolled phone sees nothing change. This fixed bar at the top of the screen
 * says so and takes them to the proposal; it goes once the proposal is in view.
 */
export function NewProposalNotice({ proposalKey, target, t }: Props) {
  const [shown, setShown] = useState(false);
  const seen = useRef(proposalKey);
  useEffect(() => {
    const before = seen.current;
    seen.current = proposalKey;
    // The proposal the step opened with is read normally (the step shows once synced); only a new one is news.
    if (proposalKey === null || before === proposalKey) return;
    setShown(!inView(target.current));
  }, [proposalKey, target]);

  useEffect(() => {
    const element = target.current;
    if (!shown || !element || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setShown(false);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [shown, target]);

  if (!shown) return null;
  return (
    <div className="new-proposal">
      <button
        type="button"
        className="new-proposal__button"
        onClick={() => {
          setShown(false);
          const element = target.current;
          element?.scrollIntoView({ block: 'start', behavior: 'smooth' });
          element?.focus({ preventScroll: true });
        }}
      >
        <span aria-hidden="true">↑ </span>
        {t('consent.newProposalShow')}
      </button>
    </div>
  );
}

/** Whether any part of the element is inside the viewport. */
function inView(element: HTMLElement | null): boolean {
  if (!element) return true;
  const box = element.getBoundingClientRect();
  return box.bottom > 0 && box.top < window.innerHeight;
}
