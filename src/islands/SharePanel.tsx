import type { ReactNode } from 'react';
import type { Translate } from '../i18n/index.ts';
import { formatJoinCode } from '../model/join-code.ts';
import { CopyLink } from './CopyLink.tsx';

type Props = {
  t: Translate;
  participantUrl: string;
  projectorUrl: string;
  /** Null until the key is known on this device. */
  facilitatorUrl: string | null;
  /** The origin is a guess of this computer's LAN address. */
  guessed: boolean;
  /** Only this computer can open the links (HOST=127.0.0.1): say how to open the room to the network. */
  localOnly?: boolean;
  qr?: ReactNode;
  /** The QR as SVG from the server, once the links changed after the page was drawn. */
  qrSvg?: string | null;
  headingId: string;
  /** The code people type at /j; null until the server's links are known. */
  joinCode?: string | null;
  /** Present when this device can steer the room. */
  replace?: ReactNode;
};

/** How the room gets in: the participant link and its QR code, the projector link, and the facilitator's own link. */
export function SharePanel({
  t,
  participantUrl,
  projectorUrl,
  facilitatorUrl,
  guessed,
  localOnly = false,
  qr,
  qrSvg,
  headingId,
  joinCode = null,
  replace,
}: Props) {
  return (
    <section className="panel share" aria-labelledby={headingId}>
      <h2 className="panel__title" id={headingId}>
        {t('console.share')}
      </h2>
      {guessed ? (
        <p className="notice notice--warning">
          <span className="notice__icon" aria-hidden="true">
            !
          </span>
          {t('console.guessedOrigin')}
        </p>
      ) : null}
      {localOnly ? (
        <p className="notice notice--warning" data-testid="local-only">
          <span className="notice__icon" aria-hidden="true">
            !
          </span>
          {t('console.localOnly')}
        </p>
      ) : null}
      <div className="share__participant">
        {qrSvg ? (
          <div className="share__qr">
            <img
              className="qr qr--console"
              src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(qrSvg)}`}
              alt={t('qr.label', { url: participantUrl })}
            />
          </div>
        ) : qr ? (
          <div className="share__qr">{qr}</div>
        ) : null}
        <CopyLink
          t={t}
          label={t('console.participantLink')}
          url={participantUrl}
          hint={t('console.participantLinkHint')}
        />
      </div>
      {joinCode ? (
        <p className="share__code">
          {t('console.joinCode')} <strong className="share__code-value">{formatJoinCode(joinCode)}</strong>
        </p>
      ) : null}
      <CopyLink t={t} label={t('console.projectorLink')} url={projectorUrl} hint={t('console.projectorLinkHint')}>
        <p className="share__open">
          <a href={projectorUrl} target="_blank" rel="noopener">
            {t('console.openProjector')} <span className="visually-hidden">{t('console.opensNewTab')}</span>
            <span aria-hidden="true"> ↗</span>
          </a>
        </p>
      </CopyLink>
      {replace}
      {facilitatorUrl ? (
        <details className="share__secret">
          <summary>{t('console.facilitatorLinkSummary')}</summary>
          <CopyLink
            t={t}
            label={t('console.facilitatorLink')}
            url={facilitatorUrl}
            hint={
              <>
                <span className="notice__icon" aria-hidden="true">
                  !
                </span>
                {t('console.facilitatorWarning')}
              </>
            }
            className="copy-link--secret"
          />
        </details>
      ) : null}
    </section>
  );
}
