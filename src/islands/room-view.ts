/**
 * What the three room views share: the device identity, the connection, the
 * step everyone follows, and the texts for status and counts.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { MessageKey, Translate } from '../i18n/index.ts';
import { newParticipantId, type RoomId } from '../model/ids.ts';
import type { Locale } from '../model/locale.ts';
import { CLOSE_CODES } from '../model/protocol.ts';
import type { Role } from '../model/roles.ts';
import type { Workshop, WorkshopStep } from '../model/workshop.ts';
import { stepIndex } from '../model/workshop-steps.ts';
import { loadIdentity, rememberRoom, saveName, type Identity } from '../sync/device.ts';
import { useConnectionStatus, useRoomConnection, useShared } from '../sync/hooks.ts';
import type { ConnectionStatus, RoomConnection } from '../sync/room-connection.ts';
import { storedSeatSource } from '../sync/seats.ts';

/** Props every room island gets from its page. */
export type RoomViewProps = {
  room: RoomId;
  /** The workshop's id, as the room registry knows it. */
  workshopId: string;
  workshop: Workshop;
  locale: Locale;
  /** Brief steps' markdown, rendered on the server, by step id. */
  renderedBodies: Record<string, string>;
  /** The invite token of the link this view was opened with (once the facilitator has replaced the link). */
  invite?: string | null;
};

/**
 * The device identity; null during server rendering and the first client
 * render (storage is read after hydration so both renders match).
 */
export function useIdentity(): { identity: Identity | null; setName: (name: string | null) => Identity } {
  const [identity, setIdentity] = useState<Identity | null>(null);
  useEffect(() => setIdentity(loadIdentity()), []);
  const setName = useCallback((name: string | null) => {
    const next = saveName(name);
    setIdentity(next);
    return next;
  }, []);
  return { identity, setName };
}

/** Adds the room to this device's recent rooms (with the key, when we have one). */
export function rememberThisRoom(props: RoomViewProps, facilitatorKey?: string): void {
  rememberRoom({
    room: props.room,
    workshop: props.workshopId,
    title: props.workshop.title[props.locale],
    locale: props.locale,
    openedAt: Date.now(),
    ...(facilitatorKey ? { facilitatorKey } : {}),
  });
}

export type RoomSession = {
  connection: RoomConnection | null;
  status: ConnectionStatus;
  /** True once both documents have synced: before that the current step is not known. */
  ready: boolean;
  step: WorkshopStep;
  index: number;
  /**
   * Who this page writes as: its seat's id with the device's name; null until
   * the seat is known, and for the projector (which writes nothing).
   */
  self: Identity | null;
};

type SessionOptions = {
  room: RoomId;
  role: Role;
  workshop: Workshop;
  identity: Identity | null;
  /** Connect only when true (the facilitator waits for a key). */
  enabled?: boolean;
  facilitatorKey?: string;
  invite?: string | null | undefined;
};

export function useRoomSession({
  room,
  role,
  workshop,
  identity,
  enabled = true,
  facilitatorKey,
  invite,
}: SessionOptions): RoomSession {
  // A projector is a screen, not a person: its own id keeps it apart from the console
  // (presence is one entry per id, and both often run in one browser).
  // Everyone else presents their seat's id (the connection stamps it on presence).
  const [screenId] = useState(newParticipantId);
  const options =
    identity && enabled
      ? {
          room,
          role,
          presence: { id: screenId, name: identity.name, role },
          ...(facilitatorKey ? { facilitatorKey } : {}),
          ...(invite ? { invite } : {}),
          ...(role === 'projector'
            ? {}
            : { seats: storedSeatSource({ room, role, invite: invite ?? undefined, facilitatorKey }) }),
        }
      : null;
  const connection = useRoomConnection(options);
  const name = identity?.name ?? null;
  useEffect(() => {
    if (connection) connection.updatePresence({ id: screenId, name, role });
    // The connection is opened with the presence it had then; later name changes go through here.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [connection, name]);
  const seatId = connection?.seatId ?? null;
  const status = useConnectionStatus(connection);
  const control = connection?.control;
  const stepId = useShared([control?.stateMap()], () => control?.currentStepId());
  const index = stepIndex(workshop, stepId);
  // workshopSchema guarantees at least one step.
  const step = workshop.steps[index] as WorkshopStep;
  const self = useMemo(() => (seatId ? { id: seatId, name } : null), [seatId, name]);
  const ready = Boolean(connection?.everSynced) && (role === 'projector' || self !== null);
  return { connection, status, ready, step, index, self };
}

/** The text of the role=status element: nothing else goes in that element. */
export function statusText(t: Translate, status: ConnectionStatus, connection: RoomConnection | null): string {
  if (status === 'online') return t('status.online');
  if (status === 'offline') return t('status.offline');
  if (status === 'connecting') return t('status.connecting');
  const code = connection?.refusal?.code;
  if (code === CLOSE_CODES.unknownRoom) return t('status.refused.unknownRoom');
  if (code === CLOSE_CODES.forbidden) return t('status.refused.forbidden');
  if (code === CLOSE_CODES.inviteRevoked) return t('status.refused.inviteRevoked');
  if (code === CLOSE_CODES.roomFull) return t('status.refused.roomFull');
  if (code === CLOSE_CODES.roomClosed) return t('status.refused.roomClosed');
  return t('status.refused.other');
}

/** Picks the `.one` or `.other` text; da, nb and en all use "one" for exactly 1. */
export function countText(t: Translate, count: number, one: MessageKey, other: MessageKey): string {
  return t(count === 1 ? one : other, { count });
}
