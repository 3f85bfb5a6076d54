import { useId, useRef, useState } from 'react';
import type { Translate } from '../../i18n/index.ts';
import type { HistoryChange } from '../../model/history.ts';
import type { Locale } from '../../model/locale.ts';
import type { WorkshopStep } from '../../model/workshop.ts';
import type { RoomConnection } from '../../sync/room-connection.ts';
import { announce } from '../announce.ts';
import { effectText, formatTime, whoText } from './history-text.ts';
import { useStepHistory, type StepHistory } from './use-step-history.ts';

type Props = {
  t: Translate;
  locale: Locale;
  room: string;
  facilitatorKey: string;
  connection: RoomConnection | null;
  step: WorkshopStep;
  enabled: boolean;
  /** True when the step shown is a preview, not where the room is. */
  preview: boolean;
  headingId: string;
};

/**
 * The facilitator's history of the step shown: every stored change, newest
 * first, with when and who, and a way back to the moment after any of them,
 * for this step or the whole board. Restoring asks first, says what happened
 * (on screen and to screen readers), and is itself listed, so it can be undone.
 */
export function HistoryPanel({
  t,
  locale,
  room,
  facilitatorKey,
  connection,
  step,
  enabled,
  preview,
  headingId,
}: Props) {
  const [open, setOpen] = useState(false);
  const history = useStepHistory(room, facilitatorKey, step.id, connection, open);
  const [result, setResult] = useState('');
  const listId = useId();
  const changes = [...(history.answer?.changes ?? [])].reverse();
  return (
    <section className="panel history" aria-labelledby={headingId}>
      <h2 id={headingId} className="panel__title">
        {preview ? t('history.previewTitle') : t('history.title')}
      </h2>
      <p className="history__intro">{t('history.intro')}</p>
      <div className="history__actions">
        <button
          type="button"
          className="btn btn--secondary"
          aria-expanded={open}
          aria-controls={listId}
          onClick={() => setOpen(!open)}
        >
          {open ? t('history.hide') : t('history.show')}
        </button>
        {open ? (
          <button type="button" className="btn btn--secondary" onClick={history.refresh} disabled={history.loading}>
            {t('history.refresh')}
          </button>
        ) : null}
      </div>
      {/* Said to screen readers through the page's live region (announce); shown here to everyone. */}
      <p className="history__result">{result}</p>
      <div id={listId} hidden={!open}>
        {open ? (
          <HistoryList
            t={t}
            locale={locale}
            step={step}
            history={history}
            changes={changes}
            enabled={enabled}
            onResult={setResult}
          />
        ) : null}
      </div>
    </section>
  );
}

type ListProps = {
  t: Translate;
  locale: Locale;
  step: WorkshopStep;
  history: StepHistory;
  changes: HistoryChange[];
  enabled: boolean;
  onResult: (text: string) => void;
};

function HistoryList({ t, locale, step, history, changes, enabled, onResult }: ListProps) {
  if (history.failed) return <p role="alert">{t('history.failed')}</p>;
  if (!history.answer) return <p>{t('history.loading')}</p>;
  return (
    <>
      {history.answer.complete ? null : <p className="notice">{t('history.incomplete')}</p>}
      {changes.length === 0 ? (
        <p>{t('history.empty')}</p>
      ) : (
        <>
          <p className="history__count">{t('history.count', { count: changes.length })}</p>
          <ol className="history__list" reversed>
            {changes.map((change) => (
              <HistoryItem
                key={change.seq}
                t={t}
                locale={locale}
                step={step}
                change={change}
                enabled={enabled && history.answer!.complete}
                restore={history.restore}
                onResult={onResult}
              />
            ))}
          </ol>
        </>
      )}
    </>
  );
}

type ItemProps = {
  t: Translate;
  locale: Locale;
  step: WorkshopStep;
  change: HistoryChange;
  enabled: boolean;
  restore: StepHistory['restore'];
  onResult: (text: string) => void;
};

function HistoryItem({ t, locale, step, change, enabled, restore, onResult }: ItemProps) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const questionId = useId();
  const time = formatTime(locale, change.at);
  const who = whoText(t, locale, change.who);
  const title = step.title[locale];

  const close = () => {
    setConfirming(false);
    // The confirmation disappears; focus goes back to the button that opened it.
    requestAnimationFrame(() => opener.current?.focus());
  };
  const run = async (whole: boolean) => {
    setBusy(true);
    try {
      const done = await restore(whole ? { at: change.at } : { step: step.id, at: change.at });
      const text =
        done.collections === 0
          ? t('history.restoredNothing', { time })
          : whole
            ? t('history.restoredBoard', { time })
            : t('history.restoredStep', { title, time });
      onResult(text);
      announce(text);
    } catch {
      onResult(t('history.restoreFailed'));
      announce(t('history.restoreFailed'));
    } finally {
      setBusy(false);
      close();
    }
  };

  return (
    <li className="history__item">
      <p className="history__line">
        <time dateTime={new Date(change.at).toISOString()} className="history__time">
          {time}
        </time>{' '}
        <span className="history__who">{who}</span>
      </p>
      <ul className="history__effects">
        {change.effects.map((effect) => (
          <li key={effect.collection}>{effectText(t, effect)}</li>
        ))}
      </ul>
      <button
        type="button"
        ref={opener}
        className="btn btn--secondary history__restore"
        aria-label={t('history.restoreLabel', { time, who })}
        aria-expanded={confirming}
        disabled={!enabled || busy}
        onClick={() => setConfirming(true)}
      >
        {t('history.restore')}
      </button>
      {confirming ? (
        <div className="history__confirm" role="group" aria-labelledby={questionId}>
          <p id={questionId}>{t('history.confirmQuestion', { time })}</p>
          <div className="history__confirm-actions">
            <button type="button" className="btn btn--danger" disabled={busy} onClick={() => void run(false)}>
              {t('history.confirmStep', { title })}
            </button>
            <button type="button" className="btn btn--danger" disabled={busy} onClick={() => void run(true)}>
              {t('history.confirmBoard')}
            </button>
            <button type="button" className="btn btn--secondary" disabled={busy} onClick={close}>
              {t('history.cancel')}
            </button>
          </div>
          {busy ? <p aria-live="polite">{t('history.restoring')}</p> : null}
        </div>
      ) : null}
    </li>
  );
}
