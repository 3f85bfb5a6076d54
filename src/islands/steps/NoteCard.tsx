import { useId, useRef, useState, type ReactNode } from 'react';
import type { Translate } from '../../i18n/index.ts';
import { excerpt } from './notes-format.ts';
import { ICONS } from './icons.ts';
import { NoteEditor } from './NoteEditor.tsx';
import { SpotlightControl } from '../spotlight/SpotlightScope.tsx';

export type NoteCardData = {
  id: string;
  text: string;
  /** Shown under the text; null hides it (anonymous steps, or no name given). */
  byline: string | null;
  /** How many notes this one combines (1 when never merged). */
  combines: number;
  edited: boolean;
};

type Props = {
  note: NoteCardData;
  /** Longest text an edit may have. */
  max: number;
  /** A badge before the text, e.g. "Only you" on a private draft. */
  badge?: ReactNode;
  canChange: boolean;
  /** Other notes this one can be merged into (the facilitator's tool); none hides the control. */
  mergeTargets?: readonly { id: string; text: string }[];
  onEdit: (text: string) => boolean;
  onRemove: () => void;
  /** Returns an error message when the merge was refused. */
  onMerge?: (targetId: string) => string | null;
  t: Translate;
};

/** One note as a card: its text, who wrote it, and the actions this person may take on it. */
export function NoteCard({ note, max, badge, canChange, mergeTargets, onEdit, onRemove, onMerge, t }: Props) {
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const short = excerpt(note.text);

  const closeEditor = () => {
    setEditing(false);
    // Back to where the person was, once the button exists again.
    queueMicrotask(() => editButton.current?.focus());
  };

  return (
    <li className="notes-card">
      {badge}
      {editing ? (
        <NoteEditor
          initial={note.text}
          max={max}
          t={t}
          onSave={(text) => {
            if (onEdit(text)) closeEditor();
          }}
          onCancel={closeEditor}
        />
      ) : (
        <p className="notes-card-text">{note.text}</p>
      )}
      {note.byline || note.combines > 1 || note.edited ? (
        <p className="notes-card-meta">
          {note.byline ? <span>{note.byline}</span> : null}
          {note.combines > 1 ? (
            <span>
              <span aria-hidden="true">{ICONS.merged}</span> {t('notes.combines', { count: note.combines })}
            </span>
          ) : null}
          {/* A merge is an edit too; "combines" already says so. */}
          {note.edited && note.combines === 1 ? <span>{t('notes.edited')}</span> : null}
        </p>
      ) : null}
      {canChange && !editing ? (
        <div className="notes-card-actions">
          <button
            ref={editButton}
            type="button"
            className="steps-button steps-button--quiet"
            aria-label={t('notes.editNote', { text: short })}
            onClick={() => setEditing(true)}
          >
            <span aria-hidden="true">{ICONS.empty}</span> {t('notes.edit')}
          </button>
          <button
            type="button"
            className="steps-button steps-button--quiet"
            aria-label={t('notes.removeNote', { text: short })}
            onClick={onRemove}
          >
            <span aria-hidden="true">{ICONS.remove}</span> {t('notes.remove')}
          </button>
        </div>
      ) : null}
      <SpotlightControl kind="note" itemId={note.id} text={note.text} />
      {onMerge && mergeTargets && mergeTargets.length > 0 && !editing ? (
        <MergeControl noteText={short} targets={mergeTargets} onMerge={onMerge} t={t} />
      ) : null}
    </li>
  );
}

/** The keyboard-friendly merge: choose the note to merge into, then press Merge. */
function MergeControl({
  noteText,
  targets,
  onMerge,
  t,
}: {
  noteText: string;
  targets: readonly { id: string; text: string }[];
  onMerge: (targetId: string) => string | null;
  t: Translate;
}) {
  const selectId = useId();
  const errorId = useId();
  const [target, setTarget] = useState('');
  const [error, setError] = useState<string | null>(null);
  const chosen = targets.some((x) => x.id === target) ? target : '';

  return (
    <div className="notes-merge">
      <label htmlFor={selectId} className="notes-merge-label">
        {t('notes.mergeInto')}
      </label>
      <select
        id={selectId}
        className="notes-merge-select"
        value={chosen}
        aria-label={t('notes.mergeIntoLabel', { text: noteText })}
        aria-describedby={error ? errorId : undefined}
        onChange={(event) => {
          setTarget(event.target.value);
          setError(null);
        }}
      >
        <option value="">{t('notes.mergeChoose')}</option>
        {targets.map((x) => (
          <option key={x.id} value={x.id}>
            {excerpt(x.text)}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="steps-button"
        disabled={!chosen}
        aria-label={t('notes.mergeNote', { text: noteText })}
        onClick={() => setError(onMerge(chosen))}
      >
        {t('notes.merge')}
      </button>
      {error ? (
        <p id={errorId} className="notes-merge-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
