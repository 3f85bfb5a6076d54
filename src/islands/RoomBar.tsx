import type { ReactNode } from 'react';
import type { Translate } from '../i18n/index.ts';

type Props = {
  t: Translate;
  title: string;
  eyebrow?: string;
  /** The projector is not for clicking: it shows the star without the link. */
  homeLink?: boolean;
  children?: ReactNode;
};

/** The banner of a room view: home link, workshop title, and (as children) the connection status. */
export function RoomBar({ t, title, eyebrow, homeLink = true, children }: Props) {
  return (
    <header className="room-bar">
      {homeLink ? (
        <a className="brand brand--compact" href="/" aria-label={t('app.homeLink')}>
          <Star />
        </a>
      ) : (
        <span className="brand brand--compact">
          <Star />
        </span>
      )}
      <div className="room-bar__titles">
        {eyebrow ? <p className="room-bar__eyebrow">{eyebrow}</p> : null}
        <p className="room-bar__title">{title}</p>
      </div>
      <div className="room-bar__end">{children}</div>
    </header>
  );
}

/** The guiding star of the logo; decorative. */
export function Star({ className = 'brand__star' }: { className?: string }) {
  return (
    <svg className={className} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M12 1.5l2.6 7.1 7.4.3-5.8 4.6 2 7.3L12 16.6l-6.2 4.2 2-7.3L2 8.9l7.4-.3z" />
    </svg>
  );
}

/** Shown until the room's documents have arrived. */
export function Waiting({ text }: { text: string }) {
  return (
    <p className="waiting">
      <span className="spinner" aria-hidden="true" />
      {text}
    </p>
  );
}
