import { useState } from 'react';
import type { Translate } from '../i18n/index.ts';

type Props = {
  t: Translate;
  onReplace: () => Promise<void>;
  replacing: boolean;
  replaced: boolean;
  failed: boolean;
};

/**
 * Replacing the participant link revokes the old one (a link that leaked,
 * someone who should not be here). Two steps, because everyone in the room has to rejoin.
 */
export function ReplaceLink({ t, onReplace, replacing, replaced, failed }: Props) {
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="replace-link">
      {confirming ? (
        <div className="replace-link__confirm" role="group" aria-labelledby="replace-link-question">
          <p id="replace-link-question">{t('console.replaceLinkQuestion')}</p>
          <div className="replace-link__actions">
            <button
              type="button"
              className="btn btn--danger"
              disabled={replacing}
              onClick={() => {
                void onReplace().then(() => setConfirming(false));
              }}
            >
              {t('console.replaceLinkConfirm')}
            </button>
            <button type="button" className="btn btn--secondary" onClick={() => setConfirming(false)}>
              {t('console.replaceLinkCancel')}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="btn btn--secondary" onClick={() => setConfirming(true)}>
          {t('console.replaceLink')}
        </button>
      )}
      <p className="replace-link__result" aria-live="polite">
        {replaced ? t('console.replaceLinkDone') : failed ? t('console.replaceLinkFailed') : ''}
      </p>
    </div>
  );
}
