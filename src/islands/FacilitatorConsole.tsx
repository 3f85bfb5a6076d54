import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { translatorFrom, type Catalog, type Translate } from '../i18n/translate.ts';
import { isFacilitatorKey } from '../model/ids.ts';
import { CLOSE_CODES, roomPaths } from '../model/protocol.ts';
import { loadRecentRooms } from '../sync/device.ts';
import { usePresence, useShared } from '../sync/hooks.ts';
import { ConnectionBadge } from './ConnectionBadge.tsx';
import { PresenceList } from './PresenceList.tsx';
import { RefusalNotice } from './RefusalNotice.tsx';
import { requestSeatTransfer } from '../sync/seats.ts';
import { RoomBar, Waiting } from './RoomBar.tsx';
import { rememberThisRoom, useIdentity, useRoomSession, type RoomViewProps } from './room-view.ts';
import { ReplaceLink } from './ReplaceLink.tsx';
import { RoomDeleted, RoomLifecycle } from './RoomLifecycle.tsx';
import { useRoomLifecycle } from './use-room-lifecycle.ts';
import { SharePanel } from './SharePanel.tsx';
import { TeamPanel } from './TeamPanel.tsx';
import { useRoomLinks } from './use-room-links.ts';
import { StepNavigator } from './StepNavigator.tsx';
import { ExportFormatList } from './steps/ResultExport.tsx';
import { StepStage } from './steps/StepStage.tsx';
import { announce } from './announce.ts';
import { contributionCounting } from '../lib/step-tools.ts';
import type { Contributions } from './PresenceList.tsx';
import { HistoryPanel } from './tools/HistoryPanel.tsx';
import { SeatsPanel } from './tools/SeatsPanel.tsx';
import { PreviewBanner } from './tools/PreviewBanner.tsx';
import { StepToolsPanel } from './tools/StepToolsPanel.tsx';
import { TimerPanel } from './tools/TimerPanel.tsx';
import { UndoButton } from './tools/UndoButton.tsx';
import { useStepContributors } from './tools/use-step-contributors.ts';
import { useUndoHistory } from './tools/use-undo-history.ts';
import { DonePanel } from './done/DonePanel.tsx';
import { SpotlightPanel } from './spotlight/SpotlightPanel.tsx';

type Props = RoomViewProps & {
  /** The room language's texts, handed over by the page: the console loads no other language. */
  messages: Catalog;
  /** Public origin for links (may be a LAN guess). */
  origin: string;
  guessed: boolean;
  /** The server listens on loopback only: the console says how to open the room to the network. */
  localOnly?: boolean;
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
  const {
    room,
    workshop,
    locale,
    renderedBodies,
    origin,
    guessed,
    localOnly = false,
    participantUrl,
    projectorUrl,
    qr,
    messages,
  } = props;
  const t = useMemo(() => translatorFrom(messages), [messages]);
  const key = useFacilitatorKey(props);
  const { identity } = useIdentity();
  // Once the room is deleted nothing of it is shown; the server closes the connection (4404), which stops it.
  const [deleted, setDeleted] = useState(false);
  const session = useRoomSession({
    room,
    role: 'facilitator',
    workshop,
    identity,
    enabled: typeof key === 'string',
    ...(key ? { facilitatorKey: key } : {}),
  });
  const { connection, status, ready, step, index, self } = session;
  const people = usePresence(connection?.awareness);
  const forbidden = connection?.refusal?.code === CLOSE_CODES.forbidden;
  const facilitatorUrl = key ? origin + roomPaths.facilitator(room, key) : null;
  const links = useRoomLinks(room, key, { participantUrl, projectorUrl });
  const canSteer = ready && !forbidden;
  const lifecycle = useRoomLifecycle(
    room,
    key,
    ready,
    useCallback(() => setDeleted(true), []),
  );

  // A step the facilitator looks at without moving the room; null when the console shows the room's step.
  const [previewId, setPreviewId] = useState<string | null>(null);
  const previewIndex = previewId === null ? -1 : workshop.steps.findIndex((s) => s.id === previewId);
  const previewing = previewIndex >= 0 && previewIndex !== index;
  const shownIndex = previewing ? previewIndex : index;
  const shown = workshop.steps[shownIndex] ?? step;
  const notes = shown.facilitatorNotes?.[locale];
  const titleRef = useRef<HTMLHeadingElement>(null);
  // Once the room arrives at the previewed step (e.g. moved from another tab), the preview is over for good.
  useEffect(() => {
    if (previewId !== null && previewId === step.id) setPreviewId(null);
  }, [previewId, step.id]);
  const moveEveryone = (stepId: string) => {
    connection?.control.goToStep(stepId);
    setPreviewId(null);
  };
  const endPreview = () => {
    setPreviewId(null);
    titleRef.current?.focus();
  };
  const bringEveryone = () => {
    moveEveryone(shown.id);
    announce(t('tools.preview.brought', { title: shown.title[locale] }));
    titleRef.current?.focus();
  };

  const undo = useUndoHistory(connection);
  const contributorIds = useStepContributors(connection, step);
  const control = connection?.control;
  const revealed = useShared([control?.stepToolsMap(step.id)], () => control?.stepTools(step.id).revealed ?? false);
  const counting = contributionCounting(step);
  const contributions: Contributions =
    counting === 'none' || !ready
      ? null
      : counting === 'afterReveal' && !revealed
        ? { kind: 'afterReveal' }
        : { kind: 'count', ids: contributorIds };

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
        {deleted ? <RoomDeleted t={t} /> : <RefusalNotice t={t} connection={connection} />}
        {key === null || deleted ? null : (
          <div className="console__grid">
            <div className="console__side">
              <StepNavigator
                t={t}
                workshop={workshop}
                locale={locale}
                index={index}
                enabled={canSteer}
                onGo={moveEveryone}
                onPreview={(id) => setPreviewId(id === step.id ? null : id)}
                previewIndex={previewing ? previewIndex : null}
                headingId="steps-title"
              />
              <TimerPanel
                t={t}
                connection={connection}
                online={status === 'online'}
                enabled={canSteer}
                suggestedMinutes={shown.minutes}
                stepId={shown.id}
                headingId="timer-title"
              />
              <PresenceList
                t={t}
                people={people}
                headingId="presence-title"
                contributions={contributions}
                {...(key ? { onMoveSeat: (seat: string) => requestSeatTransfer({}, room, key, seat) } : {})}
              />
              <DonePanel t={t} connection={connection} step={step} people={people} headingId="done-title" />
              {key && connection ? (
                <SeatsPanel
                  t={t}
                  locale={locale}
                  room={room}
                  facilitatorKey={key}
                  connection={connection}
                  people={people}
                  enabled={canSteer}
                  headingId="seats-title"
                />
              ) : null}
            </div>
            <section className="console__center" aria-labelledby="current-title">
              {previewing ? (
                <PreviewBanner
                  t={t}
                  currentTitle={step.title[locale]}
                  enabled={canSteer}
                  onBring={bringEveryone}
                  onClose={endPreview}
                />
              ) : null}
              <header className={`panel current${previewing ? ' current--preview' : ''}`}>
                <p className="current__eyebrow">
                  {t('room.stepOf', { current: shownIndex + 1, total: workshop.steps.length })}
                  {shown.minutes ? (
                    <span className="current__minutes"> · {t('console.minutes', { minutes: shown.minutes })}</span>
                  ) : null}
                </p>
                <h2 id="current-title" className="current__title" ref={titleRef} tabIndex={-1}>
                  {shown.title[locale]}
                </h2>
                <p className="current__instruction">{shown.instruction[locale]}</p>
                {/* Folded: open, the notes pushed the room's answers and the pick buttons below the screen. */}
                {notes ? (
                  <details className="current__notes">
                    <summary className="current__notes-title">{t('console.notes')}</summary>
                    <p>{notes}</p>
                  </details>
                ) : null}
              </header>
              {connection ? (
                <div className="tools-row">
                  <StepToolsPanel
                    t={t}
                    connection={connection}
                    step={shown}
                    enabled={canSteer}
                    preview={previewing}
                    headingId="step-tools-title"
                  />
                  <UndoButton t={t} undo={undo} enabled={canSteer} />
                </div>
              ) : null}
              {connection ? (
                <SpotlightPanel t={t} connection={connection} workshop={workshop} ready={ready} enabled={canSteer} />
              ) : null}
              <section className="panel stage" aria-labelledby="stage-title">
                <h2 id="stage-title" className="panel__title">
                  {t('console.stage')}
                </h2>
                {ready && connection && self ? (
                  <StepStage
                    step={shown}
                    workshop={workshop}
                    role="facilitator"
                    connection={connection}
                    locale={locale}
                    t={t}
                    identity={self}
                    renderedBodies={renderedBodies}
                  />
                ) : status === 'refused' ? null : (
                  <Waiting text={t('room.waiting')} />
                )}
              </section>
              {key ? (
                <HistoryPanel
                  t={t}
                  locale={locale}
                  room={room}
                  facilitatorKey={key}
                  connection={connection}
                  step={shown}
                  enabled={canSteer}
                  preview={previewing}
                  headingId="history-title"
                />
              ) : null}
            </section>
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
              <TeamPanel
                t={t}
                room={room}
                connection={connection}
                enabled={canSteer}
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
          </div>
        )}
      </main>
    </div>
  );
}

function NoKey({ t, participantPath }: { t: Translate; participantPath: string }) {
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

/** The invite token a link carries (the export route wants the current one); null when the link has none. */
function inviteOf(link: string): string | null {
  try {
    return new URL(link, 'http://localhost').searchParams.get('invite');
  } catch {
    return null;
  }
}
