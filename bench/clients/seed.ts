/**
 * Realistic notes for the cold-join room, written through the Board wrapper:
 * why-ladder answers in five rounds with support, a drafted statement and votes.
 */
import * as Y from 'yjs';
import type { Board } from '../../src/model/board.ts';
import { CONSENT_STEP, LADDER_STEP } from './edits.ts';

const ANSWERS = [
  'Because the customer needs to know what happens next, and we are the ones who can tell them clearly.',
  'So that nobody has to call twice: we solve it the first time or we say exactly when it will be solved.',
  'Because a calm voice on a bad day turns a complaint into trust, and trust is why they stay with us.',
  'We make the difficult simple, so people feel safe with the decisions they have to make about their money.',
  'Because every call is somebody’s whole morning; if we help them well, they get their day back.',
];
const ANSWERS_PER_TRANSACTION = 100;
const PEOPLE = 40;
const STATEMENT_STEP = 'statement';

/** Adds notes until the document's state is about `targetBytes`; returns how many answers it wrote. */
export async function seedBoard(
  board: Board,
  targetBytes: number,
  write: (change: () => void) => void,
): Promise<number> {
  let answers = 0;
  const draft = board.statementDraft(STATEMENT_STEP);
  while (Y.encodeStateAsUpdate(board.doc).byteLength < targetBytes) {
    write(() =>
      board.doc.transact(() => {
        for (let k = 0; k < ANSWERS_PER_TRANSACTION; k++, answers++) {
          const person = answers % PEOPLE;
          const author = { id: `person-${person}`, name: `Person ${person}` };
          const text = `${ANSWERS[answers % ANSWERS.length]} (${answers})`;
          const answer = board.addLadderAnswer(LADDER_STEP, answers % 5, text, author);
          if (answer && answers % 3 === 0)
            board.toggleLadderSupport(LADDER_STEP, answer.id, `person-${(person + 7) % PEOPLE}`);
          if (answers % 10 === 0) board.castConsent(CONSENT_STEP, author, 'agree', `Vote ${answers}`, 1);
        }
        // The statement is typed, deleted and retyped, as a room drafting together does.
        if (draft.length > 300) draft.delete(0, 120);
        draft.insert(draft.length, ` ${ANSWERS[answers % ANSWERS.length]?.slice(0, 60)}`);
      }),
    );
    // Let the socket drain between transactions, as a typing room would.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return answers;
}
