/** React wrapper of bindTextarea: an uncontrolled <textarea> bound to a shared Y.Text. */
import { useCallback, useEffect, useRef, type RefObject } from 'react';
import type * as Y from 'yjs';
import { bindTextarea, type TextareaBinding } from './textarea-binding.ts';

export type SharedTextarea = {
  ref: RefObject<HTMLTextAreaElement | null>;
  /** Attach as onChange (React fires it on every input). */
  onInput: () => void;
};

export function useSharedTextarea(text: Y.Text): SharedTextarea {
  const ref = useRef<HTMLTextAreaElement | null>(null);
  const binding = useRef<TextareaBinding | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const bound = bindTextarea(el, text);
    binding.current = bound;
    return () => {
      bound.destroy();
      binding.current = null;
    };
  }, [text]);

  const onInput = useCallback(() => binding.current?.onInput(), []);
  return { ref, onInput };
}
