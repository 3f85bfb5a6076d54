import { useEffect, useRef } from 'react';
import { announce } from '../announce.ts';

/**
 * Announces, in the page's polite live region, what changed since the last
 * render. `value` must keep its identity while unchanged (memoize it). The
 * first render announces nothing: what is already there is read normally.
 */
export function useAnnouncement<T>(value: T, describe: (previous: T, next: T) => string | null): void {
  const previous = useRef(value);
  useEffect(() => {
    const before = previous.current;
    previous.current = value;
    if (Object.is(before, value)) return;
    const message = describe(before, value);
    if (message) announce(message);
    // Runs per change of value only; `describe` of that render is the one wanted.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
}
