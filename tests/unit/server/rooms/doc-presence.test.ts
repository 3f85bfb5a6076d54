import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { DocPresence } from '../../../../server/rooms/doc-presence.ts';
import type { Peer } from '../../../../server/rooms/outbox.ts';

const OPTIONS = { tickMs: 10, perConnectionPerSec: 100, perRoomPerSec: 1000 };

/** A client's presence as the update it would send. */
function presenceOf(name: string): { clientId: number; update: Uint8Array } {
  const client = new awarenessProtocol.Awareness(new Y.Doc());
  client.setLocalState({ user: { name } });
  const update = awarenessProtocol.encodeAwarenessUpdate(client, [client.clientID]);
  // Only its encoded update is used; destroying it stops its renewal timer.
  client.destroy();
  return { clientId: client.clientID, update };
}

function setUp() {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  awareness.setLocalState(null);
  const joined = new Set<Peer>();
  const presence = new DocPresence(awareness, () => joined, OPTIONS);
  const peer = (): Peer => {
    const p: Peer = { send() {}, awarenessClients: new Set() };
    joined.add(p);
    return p;
  };
  return { awareness, joined, presence, peer };
}

describe('DocPresence', () => {
  it('attributes a client id to the peer that published it, and takes it off that peer when anyone removes it', () => {
    const { awareness, presence, peer } = setUp();
    const [a, b] = [peer(), peer()];
    const ada = presenceOf('Ada');
    awarenessProtocol.applyAwarenessUpdate(awareness, ada.update, a);
    expect([...a.awarenessClients]).toEqual([ada.clientId]);
    // The same state relayed through another peer (y-websocket echoes) does not make it that peer's.
    awarenessProtocol.applyAwarenessUpdate(awareness, ada.update, b);
    expect(b.awarenessClients.size).toBe(0);
    awarenessProtocol.removeAwarenessStates(awareness, [ada.clientId], null);
    expect(a.awarenessClients.size).toBe(0);
    presence.destroy();
    awareness.destroy();
  });

  it('removes what a leaving peer published, leaves the rest, and ignores presence from outside the document', () => {
    const { awareness, joined, presence, peer } = setUp();
    const [a, b] = [peer(), peer()];
    const [ada, bo] = [presenceOf('Ada'), presenceOf('Bo')];
    awarenessProtocol.applyAwarenessUpdate(awareness, ada.update, a);
    awarenessProtocol.applyAwarenessUpdate(awareness, bo.update, b);
    joined.delete(a);
    presence.peerLeft(a);
    expect([...awareness.getStates().keys()]).toEqual([bo.clientId]);
    const stranger: Peer = { send() {}, awarenessClients: new Set() };
    awarenessProtocol.applyAwarenessUpdate(awareness, presenceOf('Cy').update, stranger);
    expect(stranger.awarenessClients.size).toBe(0);
    presence.noteHolder(bo.clientId, 'seat:bo');
    expect(presence.holders.get(bo.clientId)).toBe('seat:bo');
    presence.destroy();
    awareness.destroy();
  });
});
