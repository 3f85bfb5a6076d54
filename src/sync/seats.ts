/**
 * Seats over HTTP: asking the server for one, claiming one carried from
 * another device, and (for the facilitator) asking for the code that carries
 * one. Every writing page holds a seat; it is who the server lets it write as.
 */
import type { RoomId } from '../model/ids.ts';
import {
  seatClaimPath,
  seatsPath,
  seatTransferPath,
  type ApiErrorCode,
  type SeatGrant,
  type SeatTransfer,
} from '../model/protocol.ts';
import { forgetSeat, loadSeat, saveSeat, type SeatRole } from './device.ts';

/** Why a seat request failed: the API's error code, or `network` when no answer came. */
export class SeatRequestError extends Error {
  readonly code: ApiErrorCode | 'network';
  readonly status: number;
  constructor(code: ApiErrorCode | 'network', status: number, message: string) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

export type SeatHttp = {
  /** Origin of the API, e.g. `http://127.0.0.1:4321`; defaults to the page's own. */
  origin?: string;
  fetchImpl?: typeof fetch;
};

async function post<T>(http: SeatHttp, path: string, body: unknown, key?: string): Promise<T> {
  const doFetch = http.fetchImpl ?? fetch;
  let response: Response;
  try {
    response = await doFetch(`${http.origin ?? ''}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify(body),
    });
  } catch (error) {
    throw new SeatRequestError('network', 0, String(error));
  }
  const parsed = (await response.json().catch(() => null)) as
    | (T & { error?: undefined })
    | { error?: { code: ApiErrorCode; message: string } }
    | null;
  if (!response.ok || !parsed || parsed.error) {
    const error = parsed?.error;
    throw new SeatRequestError(error?.code ?? 'internal', response.status, error?.message ?? `HTTP ${response.status}`);
  }
  return parsed as T;
}

export type SeatRequest = SeatHttp & {
  room: RoomId;
  role: SeatRole;
  /** The participant link's invite, once the facilitator replaced the link. */
  invite?: string | undefined;
  /** The facilitator's key: its seat is issued against the key. */
  facilitatorKey?: string | undefined;
};

export function requestSeat(request: SeatRequest): Promise<SeatGrant> {
  const body = request.role === 'participant' && request.invite ? { invite: request.invite } : {};
  const key = request.role === 'facilitator' ? request.facilitatorKey : undefined;
  return post<SeatGrant>(request, seatsPath(request.room), body, key);
}

/** Takes over the seat a transfer code stands for; the device that had it loses it. */
export function claimSeat(http: SeatHttp, room: RoomId, code: string): Promise<SeatGrant> {
  return post<SeatGrant>(http, seatClaimPath(room), { code });
}

/** Facilitator only: a short code that carries `seat` to another device. */
export function requestSeatTransfer(http: SeatHttp, room: RoomId, key: string, seat: string): Promise<SeatTransfer> {
  return post<SeatTransfer>(http, seatTransferPath(room, seat), {}, key);
}

/** Where a RoomConnection gets its seat from; kept apart so tests and tools can hand one in. */
export type SeatSource = {
  /** The seat this device already holds in the room, if any. */
  current(): SeatGrant | null;
  /** Forgets the current seat and asks the server for a new one (first join, or after "unknown seat"). */
  renew(): Promise<SeatGrant>;
  /** Keeps a seat obtained elsewhere (claimed with a code). */
  adopt(grant: SeatGrant): void;
};

/** The browser's seat source: seats kept in this device's storage, one per room and role. */
export function storedSeatSource(request: SeatRequest): SeatSource {
  const { room, role } = request;
  return {
    current: () => loadSeat(room, role),
    async renew() {
      forgetSeat(room, role);
      const grant = await requestSeat(request);
      saveSeat(room, role, grant);
      return grant;
    },
    adopt: (grant) => saveSeat(room, role, grant),
  };
}
