import { useEffect, useRef, useState } from 'react';
import type { Translate } from '../i18n/index.ts';
import type { SeatTransfer } from '../model/protocol.ts';

export type MoveSeat = (seat: string) => Promise<SeatTransfer>;

type Props = {
  t: Translate;
  /** The person's shown name (or "Guest"). */
  name: string;
  seat: string;
  onMoveSeat: MoveSeat;
};

/**
 * "Move to another device" for one person in the presence list: asks the
 * server for a one-time code and shows it large, to be read out or shown.
 */
export function SeatMoveCode({ t, name, seat, onMoveSeat }: Props) {
  const [state, setState] = useState<'closed' | 'asking' | 'failed' | SeatTransfer>('closed');
  const codeRef = useRef<HTMLDivElement>(null);
  const openButton = useRef<HTMLButtonElement>(null);
  const shown = typeof state === 'object' ? state : null;

  useEffect(() => {
    if (shown) codeRef.current?.focus();
  }, [shown]);

  async function ask() {
    setState('asking');
    try {
      setState(await onMoveSeat(seat));
    } catch {
      setState('failed');
    }
  }

  function close() {
    setState('closed');
    queueMicrotask(() => openButton.current?.focus());
  }

  if (!shown) {
    return (
      <span className="seat-move">
        <button
          ref={openButton}
          type="button"
          className="btn btn--link seat-move__open"
          aria-label={t('seat.moveNamed', { name })}
          disabled={state === 'asking'}
          onClick={() => void ask()}
        >
          {t('seat.move')}
        </button>
        {state === 'failed' ? (
          <span className="notice notice--error seat-move__error" role="alert">
            {t('seat.moveFailed')}
          </span>
        ) : null}
      </span>
    );
  }
  const expires = new Date(shown.expiresAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return (
    <div
      className="seat-move seat-move--shown"
      role="group"
      aria-label={t('seat.moveTitle', { name })}
      ref={codeRef}
      tabIndex={-1}
    >
      <p className="seat-move__title">{t('seat.moveTitle', { name })}</p>
      <p className="seat-move__code" data-testid="seat-code">
        {shown.code}
      </p>
      <p className="field__hint">{t('seat.moveLead')}</p>
      <p className="field__hint">{t('seat.moveExpires', { time: expires })}</p>
      <button type="button" className="btn btn--secondary" onClick={close}>
        {t('seat.moveClose')}
      </button>
    </div>
  );
}
