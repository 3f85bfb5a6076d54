import type { DragEvent } from 'react';
import type { Translate } from '../../i18n/index.ts';
import type { BehaviourFields } from '../../model/behaviours.ts';
import type { Role } from '../../model/roles.ts';
import type { BehaviourValue } from '../../model/schema.ts';
import { BehaviourForm } from './BehaviourForm.tsx';
import { ICONS } from './icons.ts';
import { SpotlightControl } from '../spotlight/SpotlightScope.tsx';

export type MoveDirection = 'up' | 'down';

type Props = {
  behaviour: BehaviourValue;
  /** 0-based place in the list. */
  index: number;
  count: number;
  role: Role;
  mine: boolean;
  canMove: boolean;
  canChange: boolean;
  editing: boolean;
  /** Highlighted while another behaviour is dragged over this one. */
  dropTarget: boolean;
  t: Translate;
  onMove: (direction: MoveDirection) => void;
  onEdit: () => void;
  onSaveEdit: (fields: BehaviourFields) => string | null;
  onCancelEdit: () => void;
  onRemove: () => void;
  drag: {
    onDragStart: (event: DragEvent<HTMLLIElement>) => void;
    onDragOver: (event: DragEvent<HTMLLIElement>) => void;
    onDragLeave: () => void;
    onDrop: (event: DragEvent<HTMLLIElement>) => void;
    onDragEnd: () => void;
  };
};

/**
 * One behaviour: what, how, and how you can see it. Buttons name the behaviour
 * they act on, so a screen reader's list of buttons still says which is which.
 */
export function BehaviourItem(props: Props) {
  const { behaviour, index, count, role, mine, canMove, canChange, editing, dropTarget, t } = props;
  const classes = ['behaviours-item', dropTarget ? 'behaviours-item--drop' : '', mine ? 'behaviours-item--mine' : '']
    .filter(Boolean)
    .join(' ');

  if (editing) {
    return (
      <li className={classes} data-behaviour={behaviour.id}>
        <BehaviourForm
          title={t('behaviours.editTitle')}
          submitLabel={t('behaviours.save')}
          initial={{ text: behaviour.text, how: behaviour.how, signs: behaviour.signs }}
          onSubmit={props.onSaveEdit}
          onCancel={props.onCancelEdit}
          t={t}
        />
      </li>
    );
  }

  const draggable = canMove && count > 1;
  return (
    <li
      className={classes}
      data-behaviour={behaviour.id}
      draggable={draggable || undefined}
      {...(draggable ? props.drag : {})}
    >
      <p className="behaviours-item-text">{behaviour.text}</p>
      {behaviour.how || behaviour.signs ? (
        <dl className="behaviours-item-details">
          {behaviour.how ? (
            <div className="behaviours-item-detail">
              <dt>{t('behaviours.how')}</dt>
              <dd>{behaviour.how}</dd>
            </div>
          ) : null}
          {behaviour.signs ? (
            <div className="behaviours-item-detail">
              <dt>{t('behaviours.signs')}</dt>
              <dd>{behaviour.signs}</dd>
            </div>
          ) : null}
        </dl>
      ) : null}
      {role !== 'projector' && (mine || behaviour.authorName) ? (
        <p className="behaviours-item-author">{mine ? t('behaviours.byYou') : behaviour.authorName}</p>
      ) : null}
      <SpotlightControl kind="behaviour" itemId={behaviour.id} text={behaviour.text} />
      {role !== 'projector' && (canMove || canChange) ? (
        <div className="behaviours-item-actions">
          {canMove ? (
            <>
              <button
                type="button"
                className="steps-button"
                data-move="up"
                aria-label={t('behaviours.moveUpItem', { text: behaviour.text })}
                disabled={index === 0}
                onClick={() => props.onMove('up')}
              >
                <span aria-hidden="true">{ICONS.up}</span> {t('behaviours.moveUp')}
              </button>
              <button
                type="button"
                className="steps-button"
                data-move="down"
                aria-label={t('behaviours.moveDownItem', { text: behaviour.text })}
                disabled={index === count - 1}
                onClick={() => props.onMove('down')}
              >
                <span aria-hidden="true">{ICONS.down}</span> {t('behaviours.moveDown')}
              </button>
            </>
          ) : null}
          {canChange ? (
            <>
              <button
                type="button"
                className="steps-button steps-button--quiet"
                data-edit
                aria-label={t('behaviours.editItem', { text: behaviour.text })}
                onClick={props.onEdit}
              >
                {t('behaviours.edit')}
              </button>
              <button
                type="button"
                className="steps-button steps-button--quiet"
                aria-label={t('behaviours.removeItem', { text: behaviour.text })}
                onClick={props.onRemove}
              >
                <span aria-hidden="true">{ICONS.remove}</span> {t('behaviours.remove')}
              </button>
            </>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
