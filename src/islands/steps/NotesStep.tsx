import { useId, useMemo, useState } from 'react';
import { noteLimit, Notes, type NoteAuthor } from '../../model/notes.ts';
import type { NoteValue } from '../../model/schema.ts';
import { stepPseudonym } from '../../sync/device.ts';
import { useConnectionStatus, useShared } from '../../sync/hooks.ts';
import { DraftStorageError, usePrivateDrafts } from '../../sync/private-drafts.ts';
import { announce } from '../announce.ts';
import { plural } from './format.ts';
import { Heading } from './Heading.tsx';
import { ICONS } from './icons.ts';
import { NoteCard, type NoteCardData } from './NoteCard.tsx';
import { NoteForm } from './NoteForm.tsx';
import { NotesProgress } from './NotesProgress.tsx';
import type { StepProps } from './types.ts';
import { useAnnouncement } from './use-announcement.ts';
import { usePublishDrafts } from './use-publish-drafts.ts';

/**
 * Notes and stories. On silent steps a participant's notes stay in this
 * browser's storage (never in the shared document) until the facilitator
 * reveals the step; then this browser publishes them.
 */
export function NotesStep({ step, role, connection, locale, t, identity, tools }: StepProps<'notes'>) {
  const model = useMemo(() => new Notes(connection.board.doc), [connection.board]);
  const room = connection.options.room;
  const status = useConnectionStatus(connection);
  const bannerId = useId();
  const [error, setError] = useState<string | null>(null);
  const author: NoteAuthor = useMemo(
    // Without a seat there is no pseudonym yet: an empty id is refused rather than linked to a person.
    () => (step.anonymous ? { id: stepPseudonym(room, step.id) ?? '', name: null } : identity),
    [step.anonymous, step.id, room, identity],
  );
  const editor = { id: author.id, facilitator: role === 'facilitator' };
  const notes = useShared([model.notesMap(step.id)], () => model.notes(step.id));
  const drafts = usePrivateDrafts(room, step.id);

  const hidden = step.silent && !tools.revealed;
  const participant = role === 'participant';
  const canWrite = role === 'facilitator' || (participant && !tools.locked);
  const max = noteLimit(step);
  const mineOnBoard = notes.filter((n) => n.authorId === author.id);
  const keptDrafts = participant ? drafts.drafts.filter((d) => d.text.trim()) : [];

  const overLimit = usePublishDrafts({
    active: participant && step.silent && tools.revealed && status === 'online',
    drafts: drafts.drafts,
    boardVersion: notes,
    publish: (list) => model.publishDrafts(step, list, author),
    forget: (ids) => ids.forEach((id) => drafts.remove(id)),
    onPublished: () => announce(t('notes.announcePublished')),
  });

  useAnnouncement(hidden, (_, now) => (now ? null : t('notes.announceRevealed')));
  const othersNew = useMemo(() => notes.filter((n) => n.authorId !== author.id).map((n) => n.id), [notes, author.id]);
  useAnnouncement(othersNew, (before, after) => {
    // Before the reveal only the console lists other people's notes, so only it hears of new ones.
    if (hidden && role !== 'facilitator') return null;
    const known = new Set(before);
    const fresh = after.filter((id) => !known.has(id));
    return fresh.length === 0
      ? null
      : plural(t, locale, { one: 'notes.announceNewOne', other: 'notes.announceNewOther' }, fresh.length);
  });

  const mineCount = mineOnBoard.length + (hidden ? keptDrafts.length : 0);
  const full = step.maxPerPerson !== undefined && mineCount >= step.maxPerPerson;
  const submit = (text: string): boolean => {
    setError(null);
    if (hidden) {
      try {
        drafts.add(text);
        return true;
      } catch (caught) {
        setError(caught instanceof DraftStorageError ? t('notes.storageFailed') : String(caught));
        return false;
      }
    }
    const result = model.add(step, text, author);
    if (!result.ok && result.code === 'limit_reached')
      setError(t('notes.limitReached', { max: step.maxPerPerson ?? 0 }));
    return result.ok;
  };

  const card = (note: NoteValue): NoteCardData => ({
    id: note.id,
    text: note.text,
    byline: step.anonymous
      ? null
      : note.authorId === author.id && role !== 'projector'
        ? t('notes.byYou')
        : note.authorName,
    combines: note.merged + 1,
    edited: note.editedAt !== null,
  });
  const boardNotes = hidden ? (role === 'participant' ? mineOnBoard : role === 'facilitator' ? notes : []) : notes;
  // Before reveal the wall shows only the calm waiting notice, and a participant only what they already shared.
  const showBoard = hidden ? role === 'facilitator' || (participant && mineOnBoard.length > 0) : true;
  const mergeTargets = role === 'facilitator' ? notes.map((n) => ({ id: n.id, text: n.text })) : undefined;

  return (
    <div className={`notes notes--${role} notes--${step.length}`}>
      {hidden ? <SilentNotice id={bannerId} role={role} t={t} /> : null}
      {/* Participants get the room-wide lock notice from the view; the console learns what it means here. */}
      {tools.locked && role === 'facilitator' ? (
        <p className="notice notes-locked">
          <span aria-hidden="true">{ICONS.locked}</span> {t('notes.lockedFacilitator')}
        </p>
      ) : null}

      {canWrite && (role === 'participant' || !hidden) ? (
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
        mine={participant && step.maxPerPerson !== undefined ? { count: mineCount, max: step.maxPerPerson } : null}
        total={hidden ? null : { count: notes.length, target: step.target }}
        length={step.length}
        locale={locale}
        t={t}
      />

      {participant && keptDrafts.length > 0 ? (
        <section className="notes-section notes-section--private" aria-labelledby={`${bannerId}-drafts`}>
          <Heading role={role} id={`${bannerId}-drafts`} className="notes-section-title">
            {hidden ? t('notes.privateTitle', { count: keptDrafts.length }) : t('notes.notSharedTitle')}
          </Heading>
          {!hidden && overLimit.length > 0 ? (
            <p className="notes-not-shared">{t('notes.notShared', { max: step.maxPerPerson ?? 0 })}</p>
          ) : null}
          <ul className="notes-list">
            {keptDrafts.map((draft) => (
              <NoteCard
                key={draft.id}
                note={{ id: draft.id, text: draft.text, byline: null, combines: 1, edited: false }}
                badge={
                  <p className="notes-card-private">
                    <span aria-hidden="true">{ICONS.private}</span> {t('notes.onlyYou')}
                  </p>
                }
                max={max}
                canChange={!tools.locked}
                onEdit={(text) => {
                  drafts.update(draft.id, text);
                  return true;
                }}
                onRemove={() => drafts.remove(draft.id)}
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
                  canChange={role === 'facilitator' || (participant && !tools.locked && note.authorId === author.id)}
                  mergeTargets={mergeTargets?.filter((x) => x.id !== note.id)}
                  onEdit={(text) => model.edit(step, note.id, text, editor)}
                  onRemove={() => model.remove(step.id, note.id, editor)}
                  onMerge={
                    role === 'facilitator'
                      ? (targetId) => {
                          const result = model.merge(step.id, targetId, note.id, editor);
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
