import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { Translate } from '../i18n/index.ts';
import { announce } from './announce.ts';

/** How long "Copied" stays visible next to the button. */
const COPIED_NOTICE_MS = 2500;

type Props = {
  t: Translate;
  label: string;
  url: string;
  hint?: ReactNode;
  /** Extra content under the field, e.g. an "open" link. */
  children?: ReactNode;
  className?: string;
};

type CopyState = 'idle' | 'copied' | 'manual';

/** A read-only link with a Copy button. Falls back to selecting the text where the clipboard API is unavailable (plain http on a LAN address). */
export function CopyLink({ t, label, url, hint, children, className }: Props) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<CopyState>('idle');

  useEffect(() => {
    if (state !== 'copied') return;
    const timer = window.setTimeout(() => setState('idle'), COPIED_NOTICE_MS);
    return () => window.clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(url);
      done();
    } catch {
      const field = input.current;
      field?.focus();
      field?.select();
      // The old API still works in insecure contexts; if it fails the text stays selected for Ctrl+C.
      let copied: boolean;
      try {
        copied = document.execCommand('copy');
      } catch {
        copied = false;
      }
      if (copied) done();
      else {
        setState('manual');
        announce(t('copy.manual'));
      }
    }
  }

  function done() {
    setState('copied');
    announce(t('copy.copiedAnnouncement', { name: label }));
  }

  return (
    <div className={className ? `copy-link ${className}` : 'copy-link'}>
      <label className="copy-link__label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <p className="copy-link__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <div className="copy-link__row">
        <input
          ref={input}
          id={id}
          className="copy-link__input"
          type="text"
          readOnly
          value={url}
          spellCheck={false}
          aria-describedby={hint ? `${id}-hint` : undefined}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button
          type="button"
          className="btn btn--secondary"
          aria-label={t('copy.copyLabel', { name: label })}
          onClick={copy}
        >
          {t('copy.copy')}
        </button>
      </div>
      {state === 'copied' ? (
        <p className="copy-link__done">
          <span aria-hidden="true">✓ </span>
          {t('copy.copied')}
        </p>
      ) : null}
      {state === 'manual' ? <p className="copy-link__manual">{t('copy.manual')}</p> : null}
      {children}
    </div>
  );
}
