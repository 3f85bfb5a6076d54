import type { Translate } from '../i18n/index.ts';
import type { ConnectionStatus, RoomConnection } from '../sync/room-connection.ts';
import { statusText } from './room-view.ts';

type Props = { t: Translate; status: ConnectionStatus; connection: RoomConnection | null };

/**
 * The page's only role=status element. It holds nothing but the status text
 * (tests read it); the dot beside it is decoration, the words carry the meaning.
 */
export function ConnectionBadge({ t, status, connection }: Props) {
  return (
    <p className="conn" data-status={status}>
      <span className="conn__dot" aria-hidden="true" />
      <span className="visually-hidden">{t('status.label')}: </span>
      <span role="status" className="conn__text">
        {statusText(t, status, connection)}
      </span>
    </p>
  );
}
