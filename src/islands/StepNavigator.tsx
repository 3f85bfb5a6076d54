import type { Translate } from '../i18n/index.ts';
import type { Locale } from '../model/locale.ts';
import type { Workshop } from '../model/workshop.ts';

type Props = {
  t: Translate;
  workshop: Workshop;
  locale: Locale;
  index: number;
  /** False until the room has synced (or when control was refused): moving then would fight the server. */
  enabled: boolean;
  /** Moves everyone (Back and Next). */
  onGo: (stepId: string) => void;
  /** Shows a step in the console only; the list's buttons do this, so a stray click never moves the room. */
  onPreview: (stepId: string) => void;
  /** The step shown as a preview, if any. */
  previewIndex: number | null;
  headingId: string;
};

/**
 * The facilitator's map of the workshop: every step, the current one marked in
 * words, Back and Next. Clicking a step previews it in the console; the
 * preview offers to bring everyone there.
 */
export function StepNavigator({
  t,
  workshop,
  locale,
  index,
  enabled,
  onGo,
  onPreview,
  previewIndex,
  headingId,
}: Props) {
  const { steps } = workshop;
  const previous = steps[index - 1];
  const next = steps[index + 1];
  return (
    <nav className="panel step-nav" aria-labelledby={headingId}>
      <h2 className="panel__title" id={headingId}>
        {t('console.steps')}
      </h2>
      <ol className="step-nav__list">
        {steps.map((step, i) => {
          const current = i === index;
          const previewed = i === previewIndex;
          return (
            <li key={step.id} className="step-nav__item">
              <button
                type="button"
                className="step-nav__button"
                aria-current={current ? 'step' : undefined}
                data-preview={previewed ? 'true' : undefined}
                disabled={!enabled}
                onClick={() => onPreview(step.id)}
              >
                <span className="step-nav__number" aria-hidden="true">
                  {i + 1}
                </span>
                <span className="step-nav__text">
                  <span className="step-nav__title">{step.title[locale]}</span>
                  {step.minutes ? (
                    <span className="step-nav__minutes">{t('console.minutes', { minutes: step.minutes })}</span>
                  ) : null}
                </span>
                {current ? <span className="step-nav__now">{t('console.current')}</span> : null}
                {previewed ? <span className="step-nav__preview">{t('tools.preview.marker')}</span> : null}
              </button>
            </li>
          );
        })}
      </ol>
      <div className="step-nav__actions">
        <button
          type="button"
          className="btn btn--secondary"
          disabled={!enabled || !previous}
          onClick={() => previous && onGo(previous.id)}
        >
          <span aria-hidden="true">← </span>
          {t('console.back')}
        </button>
        <button
          type="button"
          className="btn btn--primary"
          disabled={!enabled || !next}
          onClick={() => next && onGo(next.id)}
        >
          {t('console.next')}
          <span aria-hidden="true"> →</span>
        </button>
      </div>
    </nav>
  );
}
