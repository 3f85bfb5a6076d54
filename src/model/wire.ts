/**
 * The y-websocket wire format (y-protocols PROTOCOL.md) as this project speaks it: the message
 * types, every encoder and the one decoder. The server, the browser's provider glue and the bench's
 * light client all import this module, so a frame is laid out in exactly one place.
 *
 * A frame is `varUint type` followed by the type's payload:
 * - sync (0): `varUint subtype` (step 1, step 2, update) and a `varUint8Array`
 * - awareness (1): one `varUint8Array` awareness update
 * - auth (2): `varUint 0` (permission denied) and a `varString` reason; our reasons are JSON
 *   `RefusalReason`s (protocol.ts): the server says which rule refused an update
 * - query awareness (3): nothing
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type * as Y from 'yjs';
import * as authProtocol from 'y-protocols/auth';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type { RefusalReason } from './protocol.ts';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

/** One decoded frame. Payloads are views into the frame, not copies. */
export type WireMessage =
  | { type: 'syncStep1'; stateVector: Uint8Array }
  | { type: 'syncStep2'; update: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'queryAwareness' }
  /** `refusal` is null for an auth message that is not a permission-denied one. */
  | { type: 'auth'; refusal: RefusalReason | null };

/** A frame that does not follow the format; the receiver decides what that costs the sender. */
export class WireError extends Error {}

function frame(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export const encodeSyncStep1 = (doc: Y.Doc): Uint8Array =>
  frame(MESSAGE_SYNC, (e) => syncProtocol.writeSyncStep1(e, doc));

export const encodeSyncStep2 = (doc: Y.Doc, stateVector?: Uint8Array): Uint8Array =>
  frame(MESSAGE_SYNC, (e) => syncProtocol.writeSyncStep2(e, doc, stateVector));

/** Sync step 2 carrying an update that is already encoded (the whole document, for a client that has nothing). */
export const encodeSyncStep2FromUpdate = (update: Uint8Array): Uint8Array =>
  frame(MESSAGE_SYNC, (e) => {
    encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
    encoding.writeVarUint8Array(e, update);
  });

export const encodeUpdateMessage = (update: Uint8Array): Uint8Array =>
  frame(MESSAGE_SYNC, (e) => syncProtocol.writeUpdate(e, update));

/** The states of `clients` (their latest, or their removal) as one awareness frame. */
export const encodeAwarenessMessage = (awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array =>
  frame(MESSAGE_AWARENESS, (e) =>
    encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, clients)),
  );

/** A refused update: "permission denied" whose reason is the JSON `RefusalReason`. */
export const encodeRefusal = (reason: RefusalReason): Uint8Array =>
  frame(MESSAGE_AUTH, (e) => authProtocol.writePermissionDenied(e, JSON.stringify(reason)));

/** The JSON reason of a refusal; a reason that is not ours still counts as a refusal, with an unknown rule. */
export function parseRefusalReason(reason: string): RefusalReason {
  try {
    const parsed = JSON.parse(reason) as Partial<RefusalReason> | null;
    if (parsed && typeof parsed.rule === 'string') {
      return { refused: true, rule: parsed.rule, message: typeof parsed.message === 'string' ? parsed.message : '' };
    }
  } catch {
    // Not JSON: fall through.
  }
  return { refused: true, rule: 'unknown', message: reason };
}

/** Reads the payload of an auth frame (the type already read), for handlers that get a decoder. */
export function readAuthPayload(decoder: decoding.Decoder): RefusalReason | null {
  if (decoding.readVarUint(decoder) !== authProtocol.messagePermissionDenied) return null;
  return parseRefusalReason(decoding.readVarString(decoder));
}

/** Decodes one frame; throws WireError for a truncated frame or an unknown (sub)type. */
export function decodeMessage(bytes: Uint8Array): WireMessage {
  try {
    const decoder = decoding.createDecoder(bytes);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE_SYNC:
        return decodeSync(decoder);
      case MESSAGE_AWARENESS:
        return { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
      case MESSAGE_QUERY_AWARENESS:
        return { type: 'queryAwareness' };
      case MESSAGE_AUTH:
        return { type: 'auth', refusal: tolerantAuthPayload(decoder) };
      default:
        throw new WireError(`unknown message type ${type}`);
    }
  } catch (error) {
    if (error instanceof WireError) throw error;
    throw new WireError(error instanceof Error ? error.message : String(error));
  }
}

function decodeSync(decoder: decoding.Decoder): WireMessage {
  const subtype = decoding.readVarUint(decoder);
  switch (subtype) {
    case syncProtocol.messageYjsSyncStep1:
      return { type: 'syncStep1', stateVector: decoding.readVarUint8Array(decoder) };
    case syncProtocol.messageYjsSyncStep2:
      return { type: 'syncStep2', update: decoding.readVarUint8Array(decoder) };
    case syncProtocol.messageYjsUpdate:
      return { type: 'update', update: decoding.readVarUint8Array(decoder) };
    default:
      throw new WireError(`unknown sync message ${subtype}`);
  }
}

/**
 * Auth frames are the server's to send: what a client puts in one means nothing, so a garbled one
 * is no protocol error (the server has always ignored them whole).
 */
function tolerantAuthPayload(decoder: decoding.Decoder): RefusalReason | null {
  try {
    return readAuthPayload(decoder);
  } catch {
    return null;
  }
}
