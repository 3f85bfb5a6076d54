/**
 * Keeps the field being typed in above the on-screen keyboard. When the
 * keyboard opens, the visual viewport (and with `interactive-widget=
 * resizes-content`, the layout viewport) shrinks; a field low on the page
 * would then sit under the keyboard, so the focused field is scrolled back
 * into the middle of what is left. Desktop browsers never shrink on focus,
 * so nothing moves there.
 */
import { useEffect } from 'react';

const TYPED = 'textarea, input:not([type="radio"], [type="checkbox"], [type="button"], [type="submit"]), select';

function typedField(): HTMLElement | null {
  const active = document.activeElement;
  return active instanceof HTMLElement && active.matches(TYPED) ? active : null;
}

/** True when the element's box lies inside the visible part of the page. */
function visible(element: HTMLElement): boolean {
  const box = element.getBoundingClientRect();
  const viewport = window.visualViewport;
  const top = viewport ? viewport.offsetTop : 0;
  const height = viewport ? viewport.height : window.innerHeight;
  return box.top >= top && box.bottom <= top + height;
}

export function useKeepFieldInView(): void {
  useEffect(() => {
    const keep = () => {
      const field = typedField();
      if (field && !visible(field)) field.scrollIntoView({ block: 'center' });
    };
    const target: EventTarget = window.visualViewport ?? window;
    target.addEventListener('resize', keep);
    if (target !== window) window.addEventListener('resize', keep);
    return () => {
      target.removeEventListener('resize', keep);
      if (target !== window) window.removeEventListener('resize', keep);
    };
  }, []);
}
