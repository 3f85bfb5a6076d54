/**
 * Realistic notes for the cold-join room, written through the Board wrapper:
 * why-ladder answers in five rounds with support, from many people. Each
 * person writes through its own connection and seat, on the ladder step, as
 * the server's rule table requires; a support is its giver's own entry.
 */
import * as Y from 'yjs';
import type { Board } from '../../src/model/board.ts';
import { LADDER_STEP } from './edits.ts';

const ANSWERS = [
  'Because the customer needs to know what happens next, and we are the ones who can tell them clearly.',
  'So that nobody has to call twice: we solve it the first time or we say exactly when it will be solved.',
  'Because a calm voice on a bad day turns a complaint into trust, and trust is why they stay with us.',
  'We make the difficult simple, so people feel safe with the decisions they have to make about their money.',
  'Because every call is somebody’s whole morning; if we help them well, they get their day back.',
];
const ANSWERS_PER_TRANSACTION = 100;

/** One person of the room: its replica of the board, its seat, and how its changes reach the server. */
export type SeedPerson = { board: Board; authorId: string; write: (change: () => void) => void };

/**
 * Adds notes, the people taking turns, until the room's state is about
 * `targetBytes`. Returns how many answers and updates were written, and a
 * document holding everything written (the room's content).
 */
export async function seedBoard(
  people: readonly SeedPerson[],
  targetBytes: number,
): Promise<{ answers: number; updates: number; doc: Y.Doc }> {
  const total = new Y.Doc();
  let answers = 0;
  let updates = 0;
  for (let turn = 0; Y.encodeStateAsUpdate(total).byteLength < targetBytes; turn++) {
    const person = people[turn % people.length]!;
    const { board } = person;
    // Only this transaction's update is recorded: the replica also receives the others' notes.
    const record = (update: Uint8Array) => {
      Y.applyUpdate(total, update);
      updates++;
    };
    board.doc.on('update', record);
    try {
      person.write(() =>
        board.doc.transact(() => {
          for (let k = 0; k < ANSWERS_PER_TRANSACTION; k++, answers++) {
            const text = `${ANSWERS[answers % ANSWERS.length]} (${answers})`;
            board.addLadderAnswer(LADDER_STEP, answers % 5, text, {
              id: person.authorId,
              name: `Person ${turn % people.length}`,
            });
            if (answers % 3 !== 0) continue;
            // Support (or withdraw it from) an answer this person has seen, often someone else's.
            const seen = board.ladderAnswersArray(LADDER_STEP);
            const other = seen.get((answers * 7919) % seen.length) as { id?: unknown } | undefined;
            if (typeof other?.id === 'string') board.toggleLadderSupport(LADDER_STEP, other.id, person.authorId);
          }
        }),
      );
    } finally {
      board.doc.off('update', record);
    }
    // Let the sockets drain between transactions, as a typing room would.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { answers, updates, doc: total };
}
