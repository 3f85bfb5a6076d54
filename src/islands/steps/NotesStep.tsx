import { useId, useMemo, useState } from 'react';
import { noteLimit } from '../../model/notes.ts';
import type { NoteValue } from '../../model/schema.ts';
import { announce } from '../announce.ts';
import { plural } from './format.ts';
import { Heading } from './Heading.tsx';
import { ICONS } from './icons.ts';
import { NoteCard, type NoteCardData } from './NoteCard.tsx';
import { NoteForm } from './NoteForm.tsx';
import { NotesProgress } from './NotesProgress.tsx';
import type { StepProps } from './types.ts';
import { useAnnouncement } from './use-announcement.ts';
import { useOwnNotes } from './use-own-notes.ts';
import { useStepTools } from './use-step-open.ts';

/**
 * Notes and stories. On silent steps a participant's notes stay in their
 * seat's private document (which only they and the server hold) until the
 * facilitator reveals the step; then the server puts them on the board. On
 * anonymous steps the server publishes them, in batches and without a name.
 */
export function NotesStep(props: StepProps<'notes'>) {
  const { step, role, connection, locale, t } = props;
  const tools = useStepTools(connection, step.id);
  const own = useOwnNotes(props);
  const { model, notes } = own;
  const bannerId = useId();
  const [error, setError] = useState<string | null>(null);

  const hidden = step.silent && !tools.revealed;
  const participant = role === 'participant';
  const max = noteLimit(step);
  const mineOnBoard = notes.filter((n) => own.mine.has(n.id));

  useAnnouncement(hidden, (_, now) => (now ? null : t('notes.announceRevealed')));
  const othersNew = useMemo(() => notes.filter((n) => !own.mine.has(n.id)).map((n) => n.id), [notes, own.mine]);
  useAnnouncement(othersNew, (before, after) => {
    // Before the reveal only the console lists other people's notes, so only it hears of new ones.
    if (hidden && role !== 'facilitator') return null;
    const known = new Set(before);
    const fresh = after.filter((id) => !known.has(id));
    return fresh.length === 0
      ? null
      : plural(t, locale, { one: 'notes.announceNewOne', other: 'notes.announceNewOther' }, fresh.length);
  });

  const full = step.maxPerPerson !== undefined && own.count >= step.maxPerPerson;
  const submit = (text: string): boolean => {
    setError(null);
    const result = own.add(text);
    if (result === 'limit_reached') setError(t('notes.limitReached', { max: step.maxPerPerson ?? 0 }));
    return result === 'ok';
  };

  const card = (note: NoteValue): NoteCardData => ({
    id: note.id,
    text: note.text,
    byline: step.anonymous ? null : own.mine.has(note.id) && role !== 'projector' ? t('notes.byYou') : note.authorName,
    combines: note.merged + 1,
    edited: note.editedAt !== null,
  });
  const boardNotes = hidden ? (role === 'participant' ? mineOnBoard : role === 'facilitator' ? notes : []) : notes;
  // Before reveal the wall shows only the calm waiting notice, and a participant only what they already shared.
  const showBoard = hidden ? role === 'facilitator' || (participant && mineOnBoard.length > 0) : true;
  const mergeTargets = role === 'facilitator' ? notes.map((n) => ({ id: n.id, text: n.text })) : undefined;
  const pendingTitle = hidden
    ? t('notes.privateTitle', { count: own.pending.length })
    : step.anonymous
      ? t('notes.sharingTitle')
      : t('notes.notSharedTitle');

  return (
    <div className={`notes notes--${role} notes--${step.length}`}>
      {hidden ? <SilentNotice id={bannerId} role={role} t={t} /> : null}
      {/* Participants get the room-wide lock notice from the view; the console learns what it means here. */}
      {tools.locked && role === 'facilitator' ? (
        <p className="notice notes-locked">
          <span aria-hidden="true">{ICONS.locked}</span> {t('notes.lockedFacilitator')}
        </p>
      ) : null}

      {own.target !== null && (role === 'participant' || !hidden) ? (
        full ? (
          <p className="notes-full">{t('notes.limitReached', { max: step.maxPerPerson ?? 0 })}</p>
        ) : (
          <NoteForm
            label={step.length === 'story' ? t('notes.yourStory') : t('notes.yourNote')}
            placeholder={step.placeholder?.[locale]}
            length={step.length}
            max={max}
            describedBy={hidden ? bannerId : undefined}
            onSubmit={submit}
            t={t}
          />
        )
      ) : null}
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}

      <NotesProgress
        mine={participant && step.maxPerPerson !== undefined ? { count: own.count, max: step.maxPerPerson } : null}
        total={hidden ? null : { count: notes.length, target: step.target }}
        length={step.length}
        locale={locale}
        t={t}
      />

      {participant && own.pending.length > 0 ? (
        <section className="notes-section notes-section--private" aria-labelledby={`${bannerId}-drafts`}>
          <Heading role={role} id={`${bannerId}-drafts`} className="notes-section-title">
            {pendingTitle}
          </Heading>
          {!hidden && !step.anonymous ? (
            <p className="notes-not-shared">{t('notes.notShared', { max: step.maxPerPerson ?? 0 })}</p>
          ) : null}
          <ul className="notes-list">
            {own.pending.map((note) => (
              <NoteCard
                key={note.id}
                note={{ id: note.id, text: note.text, byline: null, combines: 1, edited: false }}
                badge={
                  <p className="notes-card-private">
                    <span aria-hidden="true">{ICONS.private}</span> {t('notes.onlyYou')}
                  </p>
                }
                max={max}
                canChange={own.canChange(note.id)}
                onEdit={(text) => own.edit(note.id, text)}
                onRemove={() => own.remove(note.id)}
                t={t}
              />
            ))}
          </ul>
        </section>
      ) : null}

      {!showBoard ? null : (
        <section className="notes-section" aria-labelledby={`${bannerId}-board`}>
          <Heading role={role} id={`${bannerId}-board`} className="notes-section-title">
            {hidden && participant
              ? t('notes.yourSharedTitle')
              : step.length === 'story'
                ? t('notes.storiesTitle')
                : t('notes.boardTitle')}
          </Heading>
          {boardNotes.length === 0 ? (
            <p className="notes-empty">{role === 'projector' ? t('notes.emptyProjector') : t('notes.empty')}</p>
          ) : (
            <ul className="notes-list">
              {boardNotes.map((note) => (
                <NoteCard
                  key={note.id}
                  note={card(note)}
                  max={note.merged > 0 ? noteLimit({ length: 'story' }) : max}
                  canChange={own.canChange(note.id)}
                  mergeTargets={mergeTargets?.filter((x) => x.id !== note.id)}
                  onEdit={(text) => own.edit(note.id, text)}
                  onRemove={() => own.remove(note.id)}
                  onMerge={
                    role === 'facilitator'
                      ? (targetId) => {
                          const result = model.merge(step.id, targetId, note.id, { id: '', facilitator: true });
                          if (result.ok) announce(t('notes.announceMerged'));
                          return result.ok
                            ? null
                            : t(result.code === 'too_long' ? 'notes.mergeTooLong' : 'notes.mergeFailed');
                        }
                      : undefined
                  }
                  t={t}
                />
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}

/** The promise of silent writing, said plainly to each role. */
function SilentNotice({ id, role, t }: { id: string; role: StepProps<'notes'>['role']; t: StepProps<'notes'>['t'] }) {
  const text =
    role === 'participant'
      ? t('notes.silentParticipant')
      : role === 'facilitator'
        ? t('notes.silentFacilitator')
        : t('notes.silentProjector');
  return (
    <p id={id} className={`notice notes-silent notes-silent--${role}`}>
      <span aria-hidden="true">{ICONS.private}</span> {text}
    </p>
  );
}
