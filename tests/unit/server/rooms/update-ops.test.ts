/** Reading updates as entry operations against the server's document, without applying them. */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { decodeUpdateOps } from '../../../../server/rooms/update-ops.ts';

/** A server document and a client that has synced it; `change` runs on the client, the update is read. */
function opsOf(setup: (doc: Y.Doc) => void, change: (doc: Y.Doc) => void) {
  const server = new Y.Doc();
  setup(server);
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(client);
  change(client);
  return decodeUpdateOps(server, Y.encodeStateAsUpdate(client, before));
}

describe('update operations', () => {
  it('reads map inserts with their key and the value they replace, even when the delete set omits it', () => {
    const ops = opsOf(
      (d) => d.getMap('notes/a').set('n1', { text: 'old' }),
      (d) => d.getMap('notes/a').set('n1', { text: 'new' }),
    );
    const root = ops.roots.get('notes/a')!;
    expect(root.adds).toEqual([{ key: 'n1', value: { text: 'new' } }]);
    expect(root.removes).toEqual([{ key: 'n1', value: { text: 'old' } }]);

    // A crafted update: the new value with the old one as origin, and no delete set.
    const server = new Y.Doc();
    server.getMap('m').set('k', 'theirs');
    const attacker = new Y.Doc();
    Y.applyUpdate(attacker, Y.encodeStateAsUpdate(server));
    const sv = Y.encodeStateVector(attacker);
    attacker.getMap('m').set('k', 'mine');
    const honest = Y.encodeStateAsUpdate(attacker, sv);
    // The delete set ends the update: one client, one range (the old value); replace it with an empty one.
    const deleteSet = encoding.encode((e) => {
      for (const n of [1, server.clientID, 1, 0, 1]) encoding.writeVarUint(e, n);
    });
    expect([...honest.slice(-deleteSet.length)]).toEqual([...deleteSet]);
    const onlyInsert = Uint8Array.from([...honest.slice(0, -deleteSet.length), 0]);
    expect(Y.decodeUpdate(onlyInsert).ds.clients.size).toBe(0);
    const crafted = decodeUpdateOps(server, onlyInsert);
    expect(crafted.roots.get('m')!.removes).toEqual([{ key: 'k', value: 'theirs' }]);
  });

  it('reads array deletions element by element, inside a multi-element item', () => {
    const ops = opsOf(
      (d) => d.getArray('ladder.answers/x').push([{ id: 1 }, { id: 2 }, { id: 3 }]),
      (d) => d.getArray('ladder.answers/x').delete(1, 1),
    );
    expect(ops.roots.get('ladder.answers/x')!.removes).toEqual([{ key: null, value: { id: 2 } }]);
  });

  it('counts characters typed into and removed from a text', () => {
    const ops = opsOf(
      (d) => d.getText('statement.draft/s').insert(0, 'hello world'),
      (d) => {
        const text = d.getText('statement.draft/s');
        text.delete(0, 6);
        text.insert(0, 'big ');
      },
    );
    const root = ops.roots.get('statement.draft/s')!;
    expect([root.currentChars, root.addedChars, root.removedChars]).toEqual([11, 4, 6]);
  });

  it('finds the place of an insert through its origin, in the document or in the same update', () => {
    const ops = opsOf(
      (d) => d.getArray('a').push(['x']),
      (d) => {
        d.getArray('a').push(['y']);
        d.getArray('a').push(['z']);
      },
    );
    expect(ops.roots.get('a')!.adds.map((a) => a.value)).toEqual(['y', 'z']);
  });

  it('ignores inserts the same update deletes again, and what the server already has', () => {
    const ops = opsOf(
      (d) => d.getArray('a').push(['kept']),
      (d) => {
        d.getArray('a').push(['gone']);
        d.getArray('a').delete(1, 1);
      },
    );
    expect(ops.roots.get('a')?.adds ?? []).toEqual([]);

    const server = new Y.Doc();
    server.getArray('a').push(['known']);
    const again = decodeUpdateOps(server, Y.encodeStateAsUpdate(server));
    expect(again.roots.size).toBe(0);
  });

  it('flags nested types and updates that start past what the server has', () => {
    expect(opsOf(() => {}, (d) => d.getMap('m').set('k', new Y.Map())).nested).toBe(true);
    const ahead = new Y.Doc();
    ahead.getArray('a').push(['first']);
    const sv = Y.encodeStateVector(ahead);
    ahead.getArray('a').push(['second']);
    expect(decodeUpdateOps(new Y.Doc(), Y.encodeStateAsUpdate(ahead, sv)).outOfSync).toMatch(/clock/);
  });
});
