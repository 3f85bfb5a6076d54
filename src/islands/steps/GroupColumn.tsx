import { useState, type DragEvent, type ReactNode } from 'react';
import type { Translate } from '../../i18n/index.ts';
import type { Locale } from '../../model/locale.ts';
import type { NoteValue } from '../../model/schema.ts';
import { plural } from './format.ts';
import { GroupNoteCard, NOTE_DRAG_TYPE, type MoveChoice } from './GroupNoteCard.tsx';

type Props = {
  /** The group id, or UNGROUPED for the column of notes not yet grouped. */
  value: string;
  /** The column's heading or name field. */
  header: ReactNode;
  /** Extra controls under the header (remove group). */
  actions?: ReactNode;
  notes: readonly NoteValue[];
  choices: readonly MoveChoice[];
  canMove: boolean;
  /** The note that was just moved by keyboard: its card takes focus in its new column. */
  focusNote: string | null;
  onMove: (noteId: string, target: string) => void;
  emptyText: string;
  labelledBy: string;
  locale: Locale;
  t: Translate;
};

/** One column of the grouping board; notes can be dropped on it. */
export function GroupColumn(props: Props) {
  const { value, header, actions, notes, choices, canMove, focusNote, onMove, emptyText, labelledBy, locale, t } =
    props;
  const [over, setOver] = useState(false);

  const accepts = (event: DragEvent) => canMove && event.dataTransfer.types.includes(NOTE_DRAG_TYPE);
  const onDragOver = (event: DragEvent<HTMLElement>) => {
    if (!accepts(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    if (!over) setOver(true);
  };
  const onDrop = (event: DragEvent<HTMLElement>) => {
    setOver(false);
    if (!accepts(event)) return;
    event.preventDefault();
    const noteId = event.dataTransfer.getData(NOTE_DRAG_TYPE);
    if (noteId) onMove(noteId, value);
  };

  return (
    <section
      className={`group-column${value ? '' : ' group-column--ungrouped'}${over ? ' group-column--over' : ''}`}
      aria-labelledby={labelledBy}
      onDragOver={onDragOver}
      onDragLeave={(event) => {
        // Moving onto a card inside the column is not leaving it.
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={onDrop}
    >
      <div className="group-column-header">
        {header}
        <p className="group-column-count">
          {plural(t, locale, { one: 'notes.countOne', other: 'notes.countOther' }, notes.length)}
        </p>
        {actions}
      </div>
      {notes.length === 0 ? (
        <p className="group-column-empty">{emptyText}</p>
      ) : (
        <ul className="group-notes">
          {notes.map((note) => (
            <GroupNoteCard
              key={note.id}
              note={note}
              current={value}
              choices={choices}
              canMove={canMove}
              focusOnMount={focusNote === note.id}
              onMove={(target) => onMove(note.id, target)}
              t={t}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
