import type { ReactNode } from 'react';
import type { Translate } from '../../i18n/index.ts';
import { formatJoinCode } from '../../model/join-code.ts';

type Props = {
  t: Translate;
  participantUrl: string;
  /** Typed at `joinBase` (the /j page) instead of the link; null for rooms older than codes. */
  joinCode: string | null;
  joinBase: string;
  /** The QR code (rendered on the server). */
  qr?: ReactNode;
  /** Contributions are on the board: the panel shrinks to a corner. */
  compact: boolean;
};

/** How to join: large while the room gathers, a corner with the QR code once the board fills. */
export function WallJoin({ t, participantUrl, joinCode, joinBase, qr, compact }: Props) {
  return (
    <aside className={`projector__join${compact ? ' projector__join--compact' : ''}`} aria-labelledby="join-title">
      <h2 id="join-title" className="projector__join-title">
        {t('projector.joinHeading')}
      </h2>
      <div className="projector__join-qr">{qr}</div>
      <div className="projector__join-where">
        {joinCode ? (
          <>
            <p className="projector__join-text">
              {t('projector.codeAt', { place: joinBase.replace(/^https?:\/\//, '') })}
            </p>
            <p
              className="projector__code"
              aria-label={t('projector.codeLabel', { code: joinCode.split('').join(' ') })}
            >
              {formatJoinCode(joinCode)}
            </p>
          </>
        ) : null}
        <p className="projector__join-text">{t('projector.scan')}</p>
        <p className="projector__link">{shortLink(participantUrl)}</p>
      </div>
    </aside>
  );
}

/** The link as people type it: no scheme, with break opportunities after slashes. */
function shortLink(url: string): ReactNode {
  const bare = url.replace(/^https?:\/\//, '');
  const parts = bare.split('/');
  return parts.map((part, i) => (
    <span key={i}>
      {i > 0 ? '/' : ''}
      {part}
      {i < parts.length - 1 ? <wbr /> : null}
    </span>
  ));
}
