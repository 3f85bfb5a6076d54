import type { Translate } from '../../i18n/index.ts';

type Props = {
  t: Translate;
  /** The title of the step the room is on. */
  currentTitle: string;
  enabled: boolean;
  onBring: () => void;
  onClose: () => void;
};

/** Says plainly that the console shows a step the room does not see, and offers to take everyone there. */
export function PreviewBanner({ t, currentTitle, enabled, onBring, onClose }: Props) {
  return (
    <div className="preview-banner">
      <p className="preview-banner__label">
        <span aria-hidden="true">◉ </span>
        {t('tools.preview.label', { title: currentTitle })}
      </p>
      <p className="preview-banner__hint">{t('tools.preview.hint')}</p>
      <div className="preview-banner__actions">
        <button type="button" className="btn btn--primary" disabled={!enabled} onClick={onBring}>
          {t('tools.preview.bring')}
        </button>
        <button type="button" className="btn btn--secondary" onClick={onClose}>
          {t('tools.preview.close')}
        </button>
      </div>
    </div>
  );
}
