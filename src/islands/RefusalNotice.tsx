import { useSyncExternalStore } from 'react';
import type { MessageKey, Translate } from '../i18n/index.ts';
import type { RoomConnection } from '../sync/room-connection.ts';

/** Rules the server names in a refusal that have their own text; any other rule gets the general one. */
const RULE_TEXTS: Record<string, MessageKey> = {
  locked: 'refused.locked',
  not_current: 'refused.not_current',
  not_yours: 'refused.not_yours',
  too_long: 'refused.too_long',
  budget: 'refused.budget',
  not_allowed: 'refused.not_allowed',
  too_large: 'refused.too_large',
};

export function refusalText(t: Translate, rule: string): string {
  return t(Object.hasOwn(RULE_TEXTS, rule) ? (RULE_TEXTS[rule] as MessageKey) : 'refused.other');
}

type Props = { t: Translate; connection: RoomConnection | null };

/**
 * Says, politely, why the server did not keep our last change (the page has
 * already gone back to the room's state), or that this device's seat moved
 * elsewhere. The live region is always rendered so that screen readers hear
 * what is put into it.
 */
export function RefusalNotice({ t, connection }: Props) {
  const latest = useSyncExternalStore(
    (onChange) => connection?.subscribe(onChange) ?? (() => {}),
    () => latestOf(connection),
    () => '',
  );
  const [kind, , rule] = latest.split('|');
  const text = kind === 'refused' ? refusalText(t, rule ?? '') : kind === 'seat' ? t('seat.lost') : null;
  return (
    <div className="refusal-notice" aria-live="polite">
      {text ? (
        <p className="notice notice--warning" key={latest}>
          <span className="notice__icon" aria-hidden="true">
            !
          </span>
          <span>{text}</span>
        </p>
      ) : null}
    </div>
  );
}

/** The newest of the two events as a string, so the store's snapshot compares by value. */
function latestOf(connection: RoomConnection | null): string {
  const refused = connection?.lastRefused;
  const lost = connection?.seatLostAt ?? null;
  if (refused && (lost === null || refused.at >= lost)) return `refused|${refused.at}|${refused.reason.rule}`;
  if (lost !== null) return `seat|${lost}|`;
  return '';
}
