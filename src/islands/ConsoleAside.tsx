import type { ReactNode } from 'react';
import type { Translate } from '../i18n/index.ts';
import type { Locale } from '../model/locale.ts';
import type { RoomConnection } from '../sync/room-connection.ts';
import { ReplaceLink } from './ReplaceLink.tsx';
import { RoomLifecycle } from './RoomLifecycle.tsx';
import { SharePanel } from './SharePanel.tsx';
import { TeamPanel } from './TeamPanel.tsx';
import { ExportFormatList } from './steps/ResultExport.tsx';
import type { LinksState } from './use-room-links.ts';
import type { LifecycleState } from './use-room-lifecycle.ts';

type Props = {
  t: Translate;
  locale: Locale;
  room: string;
  /** Null or undefined while the console has no key: the links cannot be replaced then. */
  facilitatorKey: string | null | undefined;
  connection: RoomConnection | null;
  enabled: boolean;
  links: LinksState;
  facilitatorUrl: string | null;
  guessed: boolean;
  localOnly: boolean;
  qr: ReactNode;
  lifecycle: LifecycleState;
};

/** The console's right column: inviting the room, the team's screens, the export, and the room's own lifetime. */
export function ConsoleAside({
  t,
  locale,
  room,
  facilitatorKey,
  connection,
  enabled,
  links,
  facilitatorUrl,
  guessed,
  localOnly,
  qr,
  lifecycle,
}: Props) {
  return (
    <div className="console__aside">
      <SharePanel
        t={t}
        participantUrl={links.participantUrl}
        projectorUrl={links.projectorUrl}
        facilitatorUrl={facilitatorUrl}
        guessed={guessed}
        localOnly={localOnly}
        qr={qr}
        qrSvg={links.qrSvg}
        joinCode={links.joinCode}
        headingId="share-title"
        replace={
          facilitatorKey ? (
            <ReplaceLink
              t={t}
              onReplace={links.replace}
              replacing={links.replacing}
              replaced={links.replaced}
              failed={links.failed}
            />
          ) : null
        }
      />
      <TeamPanel
        t={t}
        room={room}
        connection={connection}
        enabled={enabled}
        projectorUrl={links.projectorUrl}
        headingId="team-title"
      />
      <section className="panel export" aria-labelledby="export-title">
        <h2 id="export-title" className="panel__title">
          {t('console.export')}
        </h2>
        <ExportFormatList
          room={room}
          invite={inviteOf(links.projectorUrl)}
          t={t}
          listClassName="export__list"
          linkClassName="btn btn--secondary"
        />
        <p className="field__hint">{t('console.exportJsonHint', { download: t('export.format.json') })}</p>
      </section>
      <RoomLifecycle t={t} locale={locale} lifecycle={lifecycle} headingId="lifecycle-title" />
    </div>
  );
}

/** The invite token a link carries (the export route wants the current one); null when the link has none. */
function inviteOf(link: string): string | null {
  try {
    return new URL(link, 'http://localhost').searchParams.get('invite');
  } catch {
    return null;
  }
}
