import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { translatorFrom, type Catalog, type Translate } from '../i18n/translate.ts';
import { CLOSE_CODES, roomPaths } from '../model/protocol.ts';
import { usePresence } from '../sync/hooks.ts';
import { ConnectionBadge } from './ConnectionBadge.tsx';
import { PresenceList } from './PresenceList.tsx';
import { RefusalNotice } from './RefusalNotice.tsx';
import { requestSeatTransfer } from '../sync/seats.ts';
import { RoomBar, Waiting } from './RoomBar.tsx';
import { useIdentity, useRoomSession, type RoomViewProps } from './room-view.ts';
import { useFacilitatorKey } from './use-facilitator-key.ts';
import { RoomDeleted } from './RoomLifecycle.tsx';
import { ConsoleAside } from './ConsoleAside.tsx';
import { useRoomLifecycle } from './use-room-lifecycle.ts';
import { useRoomLinks } from './use-room-links.ts';
import { StepNavigator } from './StepNavigator.tsx';
import { StepStage } from './steps/StepStage.tsx';
import { HistoryPanel } from './tools/HistoryPanel.tsx';
import { SeatsPanel } from './tools/SeatsPanel.tsx';
import { PreviewBanner } from './tools/PreviewBanner.tsx';
import { StepToolsPanel } from './tools/StepToolsPanel.tsx';
import { TimerPanel } from './tools/TimerPanel.tsx';
import { UndoButton } from './tools/UndoButton.tsx';
import { useUndoHistory } from './tools/use-undo-history.ts';
import { useStepPreview } from './tools/use-step-preview.ts';
import { useConsoleContributions } from './tools/use-console-contributions.ts';
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

  const {
    previewing,
    previewIndex,
    shownIndex,
    shown,
    titleRef,
    moveEveryone,
    startPreview,
    endPreview,
    bringEveryone,
  } = useStepPreview({ workshop, step, index, connection, locale, t });
  const notes = shown.facilitatorNotes?.[locale];

  const undo = useUndoHistory(connection);
  const contributions = useConsoleContributions(connection, step, ready);

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
                onPreview={startPreview}
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
            <ConsoleAside
              t={t}
              locale={locale}
              room={room}
              facilitatorKey={key}
              connection={connection}
              enabled={canSteer}
              links={links}
              facilitatorUrl={facilitatorUrl}
              guessed={guessed}
              localOnly={localOnly}
              qr={qr}
              lifecycle={lifecycle}
            />
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
