import { useEffect, useMemo, useRef, useState } from 'react';
import { translatorFrom, type Catalog } from '../i18n/translate.ts';
import { loadRecentRooms } from '../sync/device.ts';
import { announce } from './announce.ts';
import { useKeepFieldInView } from './keep-field-in-view.ts';
import { ConnectionBadge } from './ConnectionBadge.tsx';
import { NameForm } from './NameForm.tsx';
import { RefusalNotice } from './RefusalNotice.tsx';
import { RoomBar, Waiting } from './RoomBar.tsx';
import { SeatClaim } from './SeatClaim.tsx';
import { rememberThisRoom, useIdentity, useRoomSession, type RoomViewProps } from './room-view.ts';
import { StepStage } from './steps/StepStage.tsx';
import { LockNotice } from './tools/LockNotice.tsx';
import { LateTimerDisplay } from './tools/LateTimerDisplay.tsx';

/** Whether the name form is in the way: on the first visit to a room, and while changing the name. */
type NameMode = 'unknown' | 'welcome' | 'change' | 'done';

/** What a participant sees on their phone: the step the facilitator is on, and its activity. */
export function ParticipantView(props: RoomViewProps & { messages: Catalog }) {
  const { room, workshop, locale, renderedBodies, messages } = props;
  // The page hands over its language's catalog: the phone downloads one language, not three.
  const t = useMemo(() => translatorFrom(messages), [messages]);
  const { identity, setName } = useIdentity();
  const [nameMode, setNameMode] = useState<NameMode>('unknown');
  const session = useRoomSession({ room, role: 'participant', workshop, identity, invite: props.invite });
  const { connection, status, ready, step, index, self } = session;

  useEffect(() => {
    // A room this device has seen before needs no welcome; a new one asks for a name once.
    const seen = loadRecentRooms().some((r) => r.room === room);
    rememberThisRoom(props);
    setNameMode(seen ? 'done' : 'welcome');
    // Once per room; the other props come with it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [room]);

  useKeepFieldInView();
  // Tell screen-reader users when the facilitator moves the room on; not for the step we arrive on.
  // A phone scrolled down to its own earlier answers goes back to the new step's heading and instruction.
  const shownStep = useRef<string | null>(null);
  useEffect(() => {
    if (!ready) return;
    if (shownStep.current !== null && shownStep.current !== step.id) {
      announce(t('participant.moved', { current: index + 1, title: step.title[locale] }));
      const heading = document.getElementById('step-title');
      if (heading && heading.getBoundingClientRect().top < 0) heading.scrollIntoView({ block: 'start' });
    }
    shownStep.current = step.id;
  }, [ready, step.id, index, locale, step.title, t]);

  // The form that had focus disappears: put focus somewhere sensible instead of on <body>.
  const changeButton = useRef<HTMLButtonElement>(null);
  const mainRef = useRef<HTMLElement>(null);
  const focusAfter = useRef<'main' | 'change' | null>(null);
  useEffect(() => {
    if (nameMode !== 'done' || !focusAfter.current) return;
    (focusAfter.current === 'main' ? mainRef.current : changeButton.current)?.focus();
    focusAfter.current = null;
  }, [nameMode]);

  function finishName(name: string | null) {
    focusAfter.current = nameMode === 'welcome' ? 'main' : 'change';
    setName(name);
    setNameMode('done');
    if (name) announce(t('name.saved'));
  }

  function cancelName() {
    focusAfter.current = 'change';
    setNameMode('done');
  }

  const workshopTitle = workshop.title[locale];
  const refusedHint = status === 'refused' ? t('room.unknownRoomHint') : null;

  return (
    <div className="room room--participant">
      {/* No home link: a tap on the logo mid-workshop would take a participant out of the room. */}
      <RoomBar t={t} title={workshopTitle} homeLink={false}>
        <ConnectionBadge t={t} status={status} connection={connection} />
      </RoomBar>
      <main id="main" ref={mainRef} tabIndex={-1} className="room__main participant">
        {refusedHint ? (
          <p className="notice notice--error" role="alert">
            {refusedHint}
          </p>
        ) : null}
        {nameMode === 'unknown' ? <Waiting text={t('room.waiting')} /> : null}
        {nameMode === 'welcome' && identity ? (
          <section className="card welcome" aria-labelledby="welcome-title">
            <h1 id="welcome-title" className="welcome__title">
              {t('name.welcome', { workshop: workshopTitle })}
            </h1>
            <p className="welcome__lead">{t('name.lead')}</p>
            <NameForm t={t} initialName={identity.name} variant="welcome" onDone={finishName} />
          </section>
        ) : null}
        {nameMode === 'done' || nameMode === 'change' ? (
          <>
            <div className="you">
              {nameMode === 'change' && identity ? (
                <NameForm
                  t={t}
                  initialName={identity.name}
                  variant="change"
                  onDone={finishName}
                  onCancel={cancelName}
                />
              ) : (
                <>
                  <p className="you__name">
                    {identity?.name ? t('name.youAre', { name: identity.name }) : t('name.youAreAnonymous')}
                  </p>
                  <button
                    ref={changeButton}
                    type="button"
                    className="btn btn--link"
                    onClick={() => setNameMode('change')}
                  >
                    {t('name.change')}
                  </button>
                </>
              )}
            </div>
            {connection && status !== 'refused' ? <SeatClaim t={t} connection={connection} /> : null}
            <RefusalNotice t={t} connection={connection} />
            {ready && connection && self ? (
              <article className="step" aria-labelledby="step-title">
                <header className="step__header">
                  <div className="tools-topline">
                    <p className="step__eyebrow">
                      {t('room.stepOf', { current: index + 1, total: workshop.steps.length })}
                    </p>
                    <LateTimerDisplay t={t} connection={connection} online={status === 'online'} variant="participant" />
                  </div>
                  <h1 id="step-title" className="step__title">
                    {step.title[locale]}
                  </h1>
                  <p className="step__instruction">{step.instruction[locale]}</p>
                </header>
                <LockNotice t={t} connection={connection} stepId={step.id} />
                <StepStage
                  step={step}
                  workshop={workshop}
                  role="participant"
                  connection={connection}
                  locale={locale}
                  t={t}
                  identity={self}
                  renderedBodies={renderedBodies}
                />
              </article>
            ) : status !== 'refused' ? (
              <Waiting text={t('room.waiting')} />
            ) : null}
          </>
        ) : null}
      </main>
    </div>
  );
}
