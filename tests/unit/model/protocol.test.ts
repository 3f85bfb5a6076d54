import { describe, expect, it } from 'vitest';
import { CLOSE_CODES, CLOSE_REASONS, isPermanentCloseCode, parseSyncPath } from '../../../src/model/protocol.ts';

const ROOM = 'V1StGXR8_Z5jdHi6B-myT';

describe('parseSyncPath', () => {
  it('reads the board document of a room', () => {
    expect(parseSyncPath(`/sync/${ROOM}`)).toEqual({ room: ROOM, doc: 'board' });
  });

  it('reads the control document of a room', () => {
    expect(parseSyncPath(`/sync/${ROOM}/control`)).toEqual({ room: ROOM, doc: 'control' });
  });

  it.each([
    ['too short', '/sync/abc'],
    ['too long', `/sync/${ROOM}x`],
    ['a character outside the url-safe alphabet', `/sync/${ROOM.slice(0, 20)}!`],
    ['a dot', `/sync/${ROOM.slice(0, 20)}.`],
    ['an encoded slash', `/sync/${ROOM.slice(0, 18)}%2F`],
    ['no id at all', '/sync/'],
    ['an empty id', '/sync//control'],
  ])('rejects a room id that is %s', (_what, path) => {
    expect(parseSyncPath(path)).toBeNull();
  });

  it.each([
    ['an unknown document', `/sync/${ROOM}/admin`],
    ['a trailing slash', `/sync/${ROOM}/`],
    ['a trailing slash after control', `/sync/${ROOM}/control/`],
    ['a segment after control', `/sync/${ROOM}/control/extra`],
    ['two extra segments', `/sync/${ROOM}/board/x`],
    ['upper-case control', `/sync/${ROOM}/Control`],
  ])('rejects %s', (_what, path) => {
    expect(parseSyncPath(path)).toBeNull();
  });

  it.each([
    ['no prefix', `/${ROOM}`],
    ['a longer prefix word', `/syncs/${ROOM}`],
    ['the prefix without a slash', `/sync${ROOM}`],
    ['a different prefix', `/api/${ROOM}`],
    ['a nested prefix', `/x/sync/${ROOM}`],
    ['a relative path', `sync/${ROOM}`],
    ['an empty path', ''],
  ])('rejects %s', (_what, path) => {
    expect(parseSyncPath(path)).toBeNull();
  });
});

describe('isPermanentCloseCode', () => {
  it('treats 4400–4499 as permanent and everything else as worth a retry', () => {
    expect([4399, 4400, 4450, 4499, 4500, 4503, 1000, 1006].map(isPermanentCloseCode)).toEqual([
      false,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });

  it('makes clients give up on bad requests and keep trying after transient failures', () => {
    const { badRequest, forbidden, unknownRoom, protocolError } = CLOSE_CODES;
    for (const code of [badRequest, forbidden, unknownRoom, protocolError])
      expect(isPermanentCloseCode(code)).toBe(true);
    const { storageFailure, serverRestarting, rateLimited, roomFull } = CLOSE_CODES;
    for (const code of [storageFailure, serverRestarting, rateLimited, roomFull]) {
      expect(isPermanentCloseCode(code)).toBe(false);
    }
  });

  it('has a reason for every close code, short enough for a close frame', () => {
    for (const name of Object.keys(CLOSE_CODES) as (keyof typeof CLOSE_CODES)[]) {
      // A WebSocket close reason may be at most 123 bytes.
      expect(Buffer.byteLength(CLOSE_REASONS[name])).toBeLessThanOrEqual(123);
    }
  });
});
