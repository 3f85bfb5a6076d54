import { useLayoutEffect, useRef, useState, type DragEvent } from 'react';
import type { Translate } from '../../i18n/index.ts';
import type { BehaviourFields } from '../../model/behaviours.ts';
import type { Role } from '../../model/roles.ts';
import type { BehaviourValue } from '../../model/schema.ts';
import { BehaviourItem, type MoveDirection } from './BehaviourItem.tsx';

type Props = {
  behaviours: readonly BehaviourValue[];
  role: Role;
  selfId: string;
  canMove: boolean;
  canChange: (behaviour: BehaviourValue) => boolean;
  t: Translate;
  /** Moves to a 0-based position; returns the new position, or null when nothing moved. */
  onMoveTo: (behaviour: BehaviourValue, position: number) => number | null;
  onSaveEdit: (behaviour: BehaviourValue, fields: BehaviourFields) => string | null;
  onRemove: (behaviour: BehaviourValue) => void;
};

/** Where focus goes after the list re-renders: a moved item's button, or an edited item's Edit button. */
type FocusRequest = { id: string; target: MoveDirection | 'edit' };

const DRAG_TYPE = 'text/plain';

/** The behaviours in priority order, numbered, each movable by buttons or by dragging. */
export function BehaviourList({ behaviours, role, selfId, canMove, canChange, t, ...actions }: Props) {
  const listRef = useRef<HTMLOListElement>(null);
  const focusRequest = useRef<FocusRequest | null>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const [over, setOver] = useState<string | null>(null);

  // Moving re-orders the DOM, which drops focus: put it back on the same button of the moved item
  // (or its other move button, when it reached an end of the list).
  useLayoutEffect(() => {
    const request = focusRequest.current;
    const list = listRef.current;
    if (!request || !list) return;
    focusRequest.current = null;
    const item = list.querySelector<HTMLElement>(`[data-behaviour="${CSS.escape(request.id)}"]`);
    if (!item) return;
    const selector = request.target === 'edit' ? '[data-edit]' : `[data-move="${request.target}"]`;
    const preferred = item.querySelector<HTMLButtonElement>(selector);
    const fallback = item.querySelector<HTMLButtonElement>('[data-move]:not(:disabled)');
    (preferred && !preferred.disabled ? preferred : fallback)?.focus();
  });

  const move = (behaviour: BehaviourValue, index: number, direction: MoveDirection) => {
    const moved = actions.onMoveTo(behaviour, direction === 'up' ? index - 1 : index + 1);
    if (moved !== null) focusRequest.current = { id: behaviour.id, target: direction };
  };

  const dragHandlers = (behaviour: BehaviourValue, index: number) => ({
    onDragStart: (event: DragEvent<HTMLLIElement>) => {
      event.dataTransfer.setData(DRAG_TYPE, behaviour.id);
      event.dataTransfer.effectAllowed = 'move';
      setDragging(behaviour.id);
    },
    onDragOver: (event: DragEvent<HTMLLIElement>) => {
      if (!dragging || dragging === behaviour.id) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'move';
      setOver(behaviour.id);
    },
    onDragLeave: () => setOver((current) => (current === behaviour.id ? null : current)),
    onDrop: (event: DragEvent<HTMLLIElement>) => {
      event.preventDefault();
      const moving = behaviours.find((b) => b.id === event.dataTransfer.getData(DRAG_TYPE));
      if (moving && moving.id !== behaviour.id) actions.onMoveTo(moving, index);
      setOver(null);
      setDragging(null);
    },
    onDragEnd: () => {
      setOver(null);
      setDragging(null);
    },
  });

  return (
    <ol ref={listRef} className={`behaviours-list behaviours-list--${role}`}>
      {behaviours.map((behaviour, index) => (
        <BehaviourItem
          key={behaviour.id}
          behaviour={behaviour}
          index={index}
          count={behaviours.length}
          role={role}
          mine={behaviour.authorId === selfId}
          canMove={canMove}
          canChange={canChange(behaviour)}
          editing={editingId === behaviour.id}
          dropTarget={over === behaviour.id}
          t={t}
          onMove={(direction) => move(behaviour, index, direction)}
          onEdit={() => setEditingId(behaviour.id)}
          onSaveEdit={(fields) => {
            const problem = actions.onSaveEdit(behaviour, fields);
            if (!problem) {
              setEditingId(null);
              focusRequest.current = { id: behaviour.id, target: 'edit' };
            }
            return problem;
          }}
          onCancelEdit={() => {
            setEditingId(null);
            focusRequest.current = { id: behaviour.id, target: 'edit' };
          }}
          onRemove={() => actions.onRemove(behaviour)}
          drag={dragHandlers(behaviour, index)}
        />
      ))}
    </ol>
  );
}
