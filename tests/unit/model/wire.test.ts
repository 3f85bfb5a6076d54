/**
 * The wire module against y-protocols itself: what it encodes, a stock y-websocket peer reads, and
 * what a stock peer sends, it decodes. Malformed frames fail with WireError, never another error.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as authProtocol from 'y-protocols/auth';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import {
  decodeMessage,
  encodeAwarenessMessage,
  encodeRefusal,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncStep2FromUpdate,
  encodeUpdateMessage,
  MESSAGE_AUTH,
  MESSAGE_SYNC,
  parseRefusalReason,
  WireError,
} from '../../../src/model/wire.ts';

function docWith(text: string): Y.Doc {
  const doc = new Y.Doc();
  doc.getMap('m').set('k', text);
  return doc;
}

/** Applies a sync frame the way y-websocket's client does. */
function stockApply(frame: Uint8Array, into: Y.Doc): void {
  const decoder = decoding.createDecoder(frame);
  expect(decoding.readVarUint(decoder)).toBe(MESSAGE_SYNC);
  syncProtocol.readSyncMessage(decoder, encoding.createEncoder(), into, 'remote');
}

describe('wire', () => {
  it('encodes sync frames a stock peer applies', () => {
    const source = docWith('æøå');
    for (const frame of [
      encodeSyncStep2(source),
      encodeSyncStep2FromUpdate(Y.encodeStateAsUpdate(source)),
      encodeUpdateMessage(Y.encodeStateAsUpdate(source)),
    ]) {
      const target = new Y.Doc();
      stockApply(frame, target);
      expect(target.getMap('m').get('k')).toBe('æøå');
    }
  });

  it('decodes what a stock peer sends', () => {
    const doc = docWith('x');
    const step1 = encoding.encode((e) => {
      encoding.writeVarUint(e, MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(e, doc);
    });
    expect(decodeMessage(step1)).toEqual({ type: 'syncStep1', stateVector: Y.encodeStateVector(doc) });
    expect(decodeMessage(encodeSyncStep1(doc))).toEqual(decodeMessage(step1));

    const update = Y.encodeStateAsUpdate(doc);
    const stockUpdate = encoding.encode((e) => {
      encoding.writeVarUint(e, MESSAGE_SYNC);
      syncProtocol.writeUpdate(e, update);
    });
    expect(decodeMessage(stockUpdate)).toEqual({ type: 'update', update });
    expect(decodeMessage(encodeSyncStep2FromUpdate(update))).toEqual({ type: 'syncStep2', update });
    expect(decodeMessage(Uint8Array.of(3))).toEqual({ type: 'queryAwareness' });
  });

  it('carries awareness states', () => {
    const awareness = new awarenessProtocol.Awareness(new Y.Doc());
    awareness.setLocalState({ name: 'Åse' });
    const message = decodeMessage(encodeAwarenessMessage(awareness, [awareness.clientID]));
    if (message.type !== 'awareness') throw new Error(`got ${message.type}`);
    const other = new awarenessProtocol.Awareness(new Y.Doc());
    awarenessProtocol.applyAwarenessUpdate(other, message.update, 'remote');
    expect(other.getStates().get(awareness.clientID)).toEqual({ name: 'Åse' });
  });

  it('round-trips a refusal through the stock auth reader', () => {
    const reason = { refused: true as const, rule: 'locked', message: 'the step is locked' };
    const frame = encodeRefusal(reason);
    expect(decodeMessage(frame)).toEqual({ type: 'auth', refusal: reason });
    const decoder = decoding.createDecoder(frame);
    expect(decoding.readVarUint(decoder)).toBe(MESSAGE_AUTH);
    let read = '';
    authProtocol.readAuthMessage(decoder, new Y.Doc(), (_doc, text) => (read = text));
    expect(JSON.parse(read)).toEqual(reason);
  });

  it('reads a reason that is not ours as a refusal with an unknown rule', () => {
    expect(parseRefusalReason('nope')).toEqual({ refused: true, rule: 'unknown', message: 'nope' });
    expect(parseRefusalReason('{"rule":"x"}')).toEqual({ refused: true, rule: 'x', message: '' });
  });

  it('ignores what a client puts in an auth frame', () => {
    expect(decodeMessage(Uint8Array.of(MESSAGE_AUTH))).toEqual({ type: 'auth', refusal: null });
    expect(decodeMessage(Uint8Array.of(MESSAGE_AUTH, 0, 200))).toEqual({ type: 'auth', refusal: null });
  });

  it('refuses unknown types and truncated frames with WireError', () => {
    expect(() => decodeMessage(Uint8Array.of(9))).toThrow(new WireError('unknown message type 9'));
    expect(() => decodeMessage(Uint8Array.of(MESSAGE_SYNC, 7, 0))).toThrow(new WireError('unknown sync message 7'));
    expect(() => decodeMessage(new Uint8Array())).toThrow(WireError);
    expect(() => decodeMessage(Uint8Array.of(MESSAGE_SYNC, 2, 50, 1))).toThrow(WireError);
    expect(() => decodeMessage(Uint8Array.of(1))).toThrow(WireError);
  });
});
