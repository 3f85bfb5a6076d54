import { customAlphabet, nanoid } from 'nanoid';

declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

export type RoomId = Brand<string, 'RoomId'>;
export type FacilitatorKey = Brand<string, 'FacilitatorKey'>;
export type ParticipantId = Brand<string, 'ParticipantId'>;
export type ItemId = Brand<string, 'ItemId'>;
/** The secret half of a seat; its public half is the seat's ParticipantId. Kept on the device only. */
export type SeatSecret = Brand<string, 'SeatSecret'>;

/** nanoid's default: 21 url-safe characters, about 126 bits of randomness. */
export const SECRET_ID_LENGTH = 21;
const SECRET_ID_PATTERN = /^[A-Za-z0-9_-]{21}$/;
/** Shorter ids for items inside a room: unique, not secret. */
const ITEM_ID_LENGTH = 12;
const makeItemId = customAlphabet('0123456789abcdefghijklmnopqrstuvwxyz', ITEM_ID_LENGTH);

export const newRoomId = (): RoomId => nanoid(SECRET_ID_LENGTH) as RoomId;
export const newFacilitatorKey = (): FacilitatorKey => nanoid(SECRET_ID_LENGTH) as FacilitatorKey;
export const newInviteToken = (): string => nanoid(SECRET_ID_LENGTH);
export const newParticipantId = (): ParticipantId => nanoid(SECRET_ID_LENGTH) as ParticipantId;
/** Seats are issued by the server only: the browser asks for one (POST /api/rooms/<room>/seats). */
export const newSeatSecret = (): SeatSecret => nanoid(SECRET_ID_LENGTH) as SeatSecret;
export const newItemId = (): ItemId => makeItemId() as ItemId;

export function isRoomId(value: unknown): value is RoomId {
  return typeof value === 'string' && SECRET_ID_PATTERN.test(value);
}
export function isFacilitatorKey(value: unknown): value is FacilitatorKey {
  return typeof value === 'string' && SECRET_ID_PATTERN.test(value);
}
export function isParticipantId(value: unknown): value is ParticipantId {
  return typeof value === 'string' && SECRET_ID_PATTERN.test(value);
}
export function isSeatSecret(value: unknown): value is SeatSecret {
  return typeof value === 'string' && SECRET_ID_PATTERN.test(value);
}
