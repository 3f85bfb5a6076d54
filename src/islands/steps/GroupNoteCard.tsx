import { useEffect, useId, useRef, useState, type DragEvent } from 'react';
import type { Translate } from '../../i18n/index.ts';
import type { NoteValue } from '../../model/schema.ts';
import { ICONS } from './icons.ts';
import { excerpt } from './notes-format.ts';
import { SpotlightControl } from '../spotlight/SpotlightScope.tsx';

/** The drag payload type: only our own note cards can be dropped on a group. */
export const NOTE_DRAG_TYPE = 'application/x-ledestjerne-note';
/** Value of the "move to" choice that takes a note out of its group. */
export const UNGROUPED = '';

export type MoveChoice = { value: string; label: string };

type Props = {
  note: NoteValue;
  /** The group it sits in, or UNGROUPED. */
  current: string;
  choices: readonly MoveChoice[];
  /** False: read-only (projector, or a locked step for participants). */
  canMove: boolean;
  /** Take focus when mounted (the card has just been moved here by keyboard). */
  focusOnMount: boolean;
  onMove: (target: string) => void;
  t: Translate;
};

/** A note in a column: drag it to another group, or choose a group and press Move. */
export function GroupNoteCard({ note, current, choices, canMove, focusOnMount, onMove, t }: Props) {
  const selectId = useId();
  const select = useRef<HTMLSelectElement>(null);
  const [target, setTarget] = useState(current);
  const short = excerpt(note.text);
  const valid = choices.some((c) => c.value === target) ? target : current;

  useEffect(() => {
    if (focusOnMount) select.current?.focus();
  }, [focusOnMount]);
  useEffect(() => setTarget(current), [current]);

  const onDragStart = (event: DragEvent<HTMLLIElement>) => {
    event.dataTransfer.setData(NOTE_DRAG_TYPE, note.id);
    event.dataTransfer.effectAllowed = 'move';
  };

  return (
    <li
      className={`group-note${canMove ? ' group-note--movable' : ''}`}
      draggable={canMove}
      onDragStart={canMove ? onDragStart : undefined}
      data-note-id={note.id}
    >
      {canMove ? (
        <span className="group-note-grip" aria-hidden="true">
          {ICONS.drag}
        </span>
      ) : null}
      <p className="group-note-text">{note.text}</p>
      <SpotlightControl kind="note" itemId={note.id} text={note.text} />
      {note.merged > 0 ? (
        <p className="group-note-meta">
          <span aria-hidden="true">{ICONS.merged}</span> {t('notes.combines', { count: note.merged + 1 })}
        </p>
      ) : null}
      {canMove ? (
        <div className="group-note-move">
          <label htmlFor={selectId} className="group-note-move-label">
            {t('group.moveTo')}
          </label>
          <select
            ref={select}
            id={selectId}
            value={valid}
            aria-label={t('group.moveNoteTo', { text: short })}
            onChange={(event) => setTarget(event.target.value)}
          >
            {choices.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="steps-button"
            disabled={valid === current}
            aria-label={t('group.moveNote', { text: short })}
            onClick={() => onMove(valid)}
          >
            {t('group.move')}
          </button>
        </div>
      ) : null}
    </li>
  );
}
