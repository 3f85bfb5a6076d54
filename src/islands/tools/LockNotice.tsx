import { useEffect, useRef } from 'react';
import type { Translate } from '../../i18n/index.ts';
import { useShared } from '../../sync/hooks.ts';
import type { RoomConnection } from '../../sync/room-connection.ts';
import { announce } from '../announce.ts';

type Props = { t: Translate; connection: RoomConnection; stepId: string };

/**
 * Tells a participant that the facilitator has locked the step (the activity
 * itself disables its fields), and announces locking and unlocking as they happen.
 */
export function LockNotice({ t, connection, stepId }: Props) {
  const { control } = connection;
  const locked = useShared([control.stepToolsMap(stepId)], () => control.stepTools(stepId).locked);
  const seen = useRef<{ stepId: string; locked: boolean } | null>(null);
  useEffect(() => {
    const before = seen.current;
    seen.current = { stepId, locked };
    // Only a change on the same step: arriving on a locked step is told by the notice itself.
    if (before && before.stepId === stepId && before.locked !== locked) {
      announce(locked ? t('tools.announceLocked') : t('tools.announceUnlocked'));
    }
  }, [stepId, locked, t]);
  if (!locked) return null;
  return (
    <p className="notice notice--warning lock-notice">
      <span className="notice__icon" aria-hidden="true">
        !
      </span>
      <span>{t('tools.lockedNotice')}</span>
    </p>
  );
}
