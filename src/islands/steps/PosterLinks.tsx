import { useId } from 'react';
import type { MessageKey, Translate } from '../../i18n/index.ts';
import { POSTER_FORMATS, posterPath, type PosterFormat } from '../../lib/poster.ts';
import type { Role } from '../../model/roles.ts';
import { Heading } from './Heading.tsx';

const LABELS: Record<PosterFormat, MessageKey> = {
  a4: 'poster.a4',
  a3: 'poster.a3',
  screen: 'poster.screen',
};

/** The poster of the room's main result in each format; each opens in a new tab. */
export function PosterLinkList({
  room,
  invite,
  t,
  linkClassName,
}: {
  room: string;
  invite: string | null;
  t: Translate;
  linkClassName: string;
}) {
  return (
    <ul className="poster-links">
      {POSTER_FORMATS.map((format) => (
        <li key={format}>
          <a
            className={linkClassName}
            href={posterPath(room, { format, invite })}
            target="_blank"
            rel="noopener"
            data-poster={format}
          >
            {t(LABELS[format])} <span className="visually-hidden">{t('console.opensNewTab')}</span>
            <span aria-hidden="true"> ↗</span>
          </a>
        </li>
      ))}
    </ul>
  );
}

/** The result step's poster offer, for everyone who can open a link (not the projector). */
export function ResultPosters({
  room,
  invite,
  role,
  t,
}: {
  room: string;
  invite: string | null;
  role: Role;
  t: Translate;
}) {
  const titleId = useId();
  return (
    <section className="result-posters" aria-labelledby={titleId}>
      <Heading role={role} id={titleId} className="result-posters-title">
        {t('poster.title')}
      </Heading>
      <p className="result-posters-hint">{t('poster.hint')}</p>
      <PosterLinkList room={room} invite={invite} t={t} linkClassName="steps-button result-poster-link" />
    </section>
  );
}
