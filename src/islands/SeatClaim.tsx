import { useId, useRef, useState, type SubmitEvent } from 'react';
import type { MessageKey, Translate } from '../i18n/index.ts';
import { normalizeSeatCode, SEAT_CODE_LENGTH } from '../model/protocol.ts';
import type { RoomConnection } from '../sync/room-connection.ts';
import { claimSeat, SeatRequestError } from '../sync/seats.ts';
import { announce } from './announce.ts';

type Props = { t: Translate; connection: RoomConnection };

/**
 * "I have a code from the facilitator": takes over the seat the facilitator
 * made a code for, so this device continues as the person's other device did.
 */
export function SeatClaim({ t, connection }: Props) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [code, setCode] = useState('');
  const [error, setError] = useState<MessageKey | null>(null);
  const [busy, setBusy] = useState(false);
  const openButton = useRef<HTMLButtonElement>(null);

  function close() {
    setOpen(false);
    setCode('');
    setError(null);
    // The form goes away: its opener takes the focus back.
    queueMicrotask(() => openButton.current?.focus());
  }

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const normalized = normalizeSeatCode(code);
    if (!normalized) {
      setError('seat.claimMalformed');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const grant = await claimSeat({}, connection.options.room, normalized);
      connection.adoptSeat(grant);
      announce(t('seat.claimed'));
      close();
    } catch (caught) {
      const code = caught instanceof SeatRequestError ? caught.code : 'network';
      setError(
        code === 'invalid_code' || code === 'invalid_request'
          ? 'seat.claimInvalid'
          : code === 'rate_limited'
            ? 'seat.claimRateLimited'
            : 'seat.claimFailed',
      );
    } finally {
      setBusy(false);
    }
  }

  if (!open) {
    return (
      <p className="seat-claim">
        <button ref={openButton} type="button" className="btn btn--link" onClick={() => setOpen(true)}>
          {t('seat.claimOpen')}
        </button>
      </p>
    );
  }
  return (
    <form className="seat-claim seat-claim--open card" onSubmit={submit} aria-busy={busy}>
      <div className="field">
        <label className="field__label" htmlFor={id}>
          {t('seat.claimLabel')}
        </label>
        <p className="field__hint" id={`${id}-hint`}>
          {t('seat.claimHint')}
        </p>
        <input
          id={id}
          className="field__input seat-claim__input"
          type="text"
          name="code"
          autoComplete="one-time-code"
          autoCapitalize="characters"
          spellCheck={false}
          // Room for a space or dash typed in the middle.
          maxLength={SEAT_CODE_LENGTH + 2}
          value={code}
          aria-describedby={`${id}-hint`}
          aria-invalid={error ? true : undefined}
          onChange={(event) => setCode(event.target.value)}
          // The person asked for this form to type into it.
          autoFocus
        />
      </div>
      {error ? (
        <p className="notice notice--error" role="alert">
          {t(error)}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {t('seat.claimSubmit')}
        </button>
        <button type="button" className="btn btn--ghost" onClick={close}>
          {t('seat.claimCancel')}
        </button>
      </div>
    </form>
  );
}
