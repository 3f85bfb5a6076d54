import { useEffect, useRef, useState } from 'react';
import type { Translate } from '../i18n/index.ts';
import type { Locale } from '../model/locale.ts';
import type { LifecycleState } from './use-room-lifecycle.ts';

type Props = { t: Translate; locale: Locale; lifecycle: LifecycleState; headingId: string };

/**
 * The room's data in the console: when the retention deletes it, what was
 * recovered from damage, and deleting it for good. Deleting takes two steps
 * (the second button says plainly what happens), as replacing the link does.
 */
export function RoomLifecycle({ t, locale, lifecycle, headingId }: Props) {
  const [confirming, setConfirming] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);
  // Focus follows the step: onto the safe choice when asked, back to the first button when kept.
  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
    else if (wasConfirming.current) openRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);
  const date = lifecycle.deletesAt
    ? new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(lifecycle.deletesAt)
    : null;
  return (
    <section className="panel lifecycle" aria-labelledby={headingId}>
      <h2 id={headingId} className="panel__title">
        {t('lifecycle.title')}
      </h2>
      {lifecycle.recovered.length > 0 ? (
        <div className="notice notice--error lifecycle__recovered" role="status">
          <p>
            <strong>{t('lifecycle.recoveredTitle')}</strong>
          </p>
          <ul>
            {lifecycle.recovered.map((r) => (
              <li key={r.doc}>
                {t('lifecycle.recovered', { doc: r.doc, source: r.source })}
                <ul>
                  {r.problems.map((problem) => (
                    <li key={problem}>{problem}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
          <p>{t('lifecycle.recoveredHint')}</p>
        </div>
      ) : null}
      {date ? <p className="field__hint">{t('lifecycle.deletesAt', { date })}</p> : null}
      {confirming ? (
        <div className="replace-link__confirm" role="group" aria-labelledby="delete-room-question">
          <p id="delete-room-question">{t('lifecycle.deleteQuestion')}</p>
          <div className="replace-link__actions">
            <button
              type="button"
              className="btn btn--danger"
              disabled={lifecycle.deleting}
              onClick={() => void lifecycle.deleteRoom()}
            >
              {lifecycle.deleting ? t('lifecycle.deleting') : t('lifecycle.deleteConfirm')}
            </button>
            <button ref={cancelRef} type="button" className="btn btn--secondary" onClick={() => setConfirming(false)}>
              {t('lifecycle.deleteCancel')}
            </button>
          </div>
        </div>
      ) : (
        <button ref={openRef} type="button" className="btn btn--secondary" onClick={() => setConfirming(true)}>
          {t('lifecycle.delete')}
        </button>
      )}
      <p className="replace-link__result" aria-live="polite">
        {lifecycle.deleteFailed ? t('lifecycle.deleteFailed') : ''}
      </p>
    </section>
  );
}

/** What the console shows once the room is deleted: nothing of it is left to steer. */
export function RoomDeleted({ t }: { t: Translate }) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <section ref={ref} tabIndex={-1} className="card no-key" role="status" aria-labelledby="room-deleted-title">
      <h2 id="room-deleted-title" className="no-key__title">
        {t('lifecycle.deletedTitle')}
      </h2>
      <p>{t('lifecycle.deletedBody')}</p>
      <p>
        <a className="btn btn--primary" href="/">
          {t('lifecycle.deletedHome')}
        </a>
      </p>
    </section>
  );
}
