import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { translator } from '../i18n/index.ts';
import { isFacilitatorKey } from '../model/ids.ts';
import { CLOSE_CODES, roomPaths } from '../model/protocol.ts';
import { loadRecentRooms } from '../sync/device.ts';
import { usePresence } from '../sync/hooks.ts';
import { ConnectionBadge } from './ConnectionBadge.tsx';
import { PresenceList } from './PresenceList.tsx';
import { RoomBar, Waiting } from './RoomBar.tsx';
import { rememberThisRoom, useIdentity, useRoomSession, type RoomViewProps } from './room-view.ts';
import { ReplaceLink } from './ReplaceLink.tsx';
import { SharePanel } from './SharePanel.tsx';
import { useRoomLinks } from './use-room-links.ts';
import { StepNavigator } from './StepNavigator.tsx';
import { StepStage } from './steps/StepStage.tsx';

type Props = RoomViewProps & {
  /** Public origin for links (may be a LAN guess). */
  origin: string;
  guessed: boolean;
  participantUrl: string;
  projectorUrl: string;
  /** The participant link's QR code, rendered on the server (an Astro slot). */
  qr?: ReactNode;
};

/** undefined while we look, null when this device has no key for the room. */
type KeyState = string | null | undefined;

/**
 * Reads the facilitator key from the fragment (`#key=…`), then removes it from
 * the address bar so it is not shown on a shared screen or copied by accident.
 * It stays in memory and in this device's recent rooms, so a reload works.
 */
function useFacilitatorKey(props: RoomViewProps): KeyState {
  const [key, setKey] = useState<KeyState>(undefined);
  const { room } = props;
  useEffect(() => {
    const read = (fromStorage: boolean) => {
      const fromFragment = new URLSearchParams(location.hash.slice(1)).get('key');
      if (fromFragment !== null) history.replaceState(history.state, '', location.pathname + location.search);
      const stored = fromStorage ? loadRecentRooms().find((r) => r.room === room)?.facilitatorKey : undefined;
      const found = isFacilitatorKey(fromFragment) ? fromFragment : (stored ?? null);
      if (!found && !fromStorage) return;
      rememberThisRoom(props, found ?? undefined);
      setKey(found);
    };
    read(true);
    // A facilitator link pasted into this tab only changes the fragment: no page load, so listen.
    const onHashChange = () => read(false);
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
    // Once per room; the other props come with it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [room]);
  return key;
}

/** The facilitator's laptop: steer the steps, invite the room, see who is here, and take part in each activity. */
export function FacilitatorConsole(props: Props) {
  const { room, workshop, locale, renderedBodies, origin, guessed, participantUrl, projectorUrl, qr } = props;
  const t = useMemo(() => translator(locale), [locale]);
  const key = useFacilitatorKey(props);
  const { identity } = useIdentity();
  const session = useRoomSession({
    room,
    role: 'facilitator',
    workshop,
    identity,
    enabled: typeof key === 'string',
    ...(key ? { facilitatorKey: key } : {}),
  });
  const { connection, status, ready, step, index } = session;
  const people = usePresence(connection?.awareness);
  const forbidden = connection?.refusal?.code === CLOSE_CODES.forbidden;
  const facilitatorUrl = key ? origin + roomPaths.facilitator(room, key) : null;
  const notes = step.facilitatorNotes?.[locale];
  const links = useRoomLinks(room, key, { participantUrl, projectorUrl });

  return (
    <div className="room room--console console">
      <RoomBar t={t} title={workshop.title[locale]} eyebrow={t('console.title')}>
        {key === null ? null : <ConnectionBadge t={t} status={status} connection={connection} />}
      </RoomBar>
      <main id="main" tabIndex={-1} className="console__main">
        <h1 className="visually-hidden">
          {t('console.title')}: {workshop.title[locale]}
        </h1>
        {key === null ? <NoKey t={t} participantPath={roomPaths.participant(room)} /> : null}
        {forbidden ? (
          <div className="notice notice--error console__alert" role="alert">
            <p>{t('console.forbiddenHint')}</p>
          </div>
        ) : null}
        {key === null ? null : (
          <div className="console__grid">
            <div className="console__side">
              <StepNavigator
                t={t}
                workshop={workshop}
                locale={locale}
                index={index}
                enabled={ready && !forbidden}
                onGo={(id) => connection?.control.goToStep(id)}
                headingId="steps-title"
              />
              <PresenceList t={t} people={people} headingId="presence-title" />
            </div>
            <section className="console__center" aria-labelledby="current-title">
              <header className="panel current">
                <p className="current__eyebrow">
                  {t('room.stepOf', { current: index + 1, total: workshop.steps.length })}
                  {step.minutes ? (
                    <span className="current__minutes"> · {t('console.minutes', { minutes: step.minutes })}</span>
                  ) : null}
                </p>
                <h2 id="current-title" className="current__title">
                  {step.title[locale]}
                </h2>
                <p className="current__instruction">{step.instruction[locale]}</p>
                {notes ? (
                  <div className="current__notes">
                    <h3 className="current__notes-title">{t('console.notes')}</h3>
                    <p>{notes}</p>
                  </div>
                ) : null}
              </header>
              <section className="panel stage" aria-labelledby="stage-title">
                <h2 id="stage-title" className="panel__title">
                  {t('console.stage')}
                </h2>
                {ready && connection && identity ? (
                  <StepStage
                    step={step}
                    workshop={workshop}
                    role="facilitator"
                    connection={connection}
                    locale={locale}
                    t={t}
                    identity={identity}
                    renderedBodies={renderedBodies}
                  />
                ) : status === 'refused' ? null : (
                  <Waiting text={t('room.waiting')} />
                )}
              </section>
            </section>
            <div className="console__aside">
              <SharePanel
                t={t}
                participantUrl={links.participantUrl}
                projectorUrl={links.projectorUrl}
                facilitatorUrl={facilitatorUrl}
                guessed={guessed}
                qr={qr}
                qrSvg={links.qrSvg}
                headingId="share-title"
                replace={
                  key ? (
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
              <section className="panel export" aria-labelledby="export-title">
                <h2 id="export-title" className="panel__title">
                  {t('console.export')}
                </h2>
                <ul className="export__list">
                  <li>
                    <a className="btn btn--secondary" href={exportPath(room, 'md')} download>
                      <span aria-hidden="true">↓ </span>
                      {t('console.exportMarkdown')}
                    </a>
                  </li>
                  <li>
                    <a className="btn btn--secondary" href={exportPath(room, 'json')} download>
                      <span aria-hidden="true">↓ </span>
                      {t('console.exportJson')}
                    </a>
                  </li>
                </ul>
              </section>
            </div>
          </div>
        )}
      </main>
    </div>
  );
}

function exportPath(room: string, format: 'md' | 'json'): string {
  return `/api/rooms/${encodeURIComponent(room)}/export?format=${format}`;
}

function NoKey({ t, participantPath }: { t: ReturnType<typeof translator>; participantPath: string }) {
  return (
    <section className="card no-key" role="alert" aria-labelledby="no-key-title">
      <h2 id="no-key-title" className="no-key__title">
        {t('console.noKeyTitle')}
      </h2>
      <p>{t('console.noKeyBody')}</p>
      <p>
        <a className="btn btn--primary" href={participantPath}>
          {t('console.joinAsParticipant')}
        </a>
      </p>
    </section>
  );
}
