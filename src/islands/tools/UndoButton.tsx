import { useEffect, useId } from 'react';
import type { MessageKey, Translate } from '../../i18n/index.ts';
import type { UndoAction } from '../../model/undo-history.ts';
import { announce } from '../announce.ts';
import type { UndoState } from './use-undo-history.ts';

type Props = { t: Translate; undo: UndoState; enabled: boolean };

const actionText = (t: Translate, action: UndoAction) => t(`tools.undo.${action}` satisfies MessageKey);

/** Input types where Ctrl+Z belongs to the field (typing), not to the room. */
const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'url', 'tel', 'password', 'number', '']);

function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  return target instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(target.type);
}

/**
 * Takes back the facilitator's own last change (never a participant's), named
 * on the button. Ctrl+Z / ⌘Z does the same when focus is not in a text field,
 * where the field's own undo applies.
 */
export function UndoButton({ t, undo, enabled }: Props) {
  const hintId = useId();
  const { next } = undo;

  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const isUndo =
        (event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'z';
      if (!isUndo || isTextEntry(event.target) || event.defaultPrevented) return;
      event.preventDefault();
      const done = undo.undo();
      announce(done ? t('tools.undone', { what: actionText(t, done) }) : t('tools.undoNothing'));
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled, undo, t]);

  return (
    <div className="undo">
      <button
        type="button"
        className="btn btn--secondary undo__button"
        disabled={!enabled || next === null}
        aria-describedby={hintId}
        aria-keyshortcuts="Control+Z Meta+Z"
        onClick={() => {
          const done = undo.undo();
          if (done) announce(t('tools.undone', { what: actionText(t, done) }));
        }}
      >
        <span aria-hidden="true">↶ </span>
        {next ? t('tools.undoWhat', { what: actionText(t, next) }) : t('tools.undo')}
      </button>
      <p id={hintId} className="undo__hint">
        {next ? t('tools.undoHint') : t('tools.undoNothing')}
      </p>
    </div>
  );
}
