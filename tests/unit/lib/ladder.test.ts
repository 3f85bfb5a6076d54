import { describe, expect, it } from 'vitest';
import {
  asClause,
  currentRound,
  isLadderComplete,
  LATE_ANSWER_WINDOW_MS,
  ladderRungs,
  lateAnswers,
  noteRoundClosings,
  otherAnswersByRound,
  questionForRound,
  rankAnswers,
  roundForNewAnswer,
  type RoundClosings,
} from '../../../src/lib/ladder.ts';
import type { AnswerValue, PickValue } from '../../../src/model/schema.ts';
import { fiveWhysLadder } from '../../helpers/content.ts';

const step = fiveWhysLadder();
const pick = (round: number, text: string): PickValue => ({ round, answerId: `a${round}`, text, at: round });
const picks = (...texts: string[]) => texts.map((text, round) => pick(round, text));
const FIVE = picks(
  'Vi hjælper kunden.',
  'Kunden kommer videre',
  'Kunden føler sig tryg!',
  'Tryghed giver ro i hverdagen',
  'Alle fortjener en god dag…',
);

describe('currentRound and isLadderComplete', () => {
  it('follows the number of picks and stops at the depth', () => {
    expect(step.depth).toBe(5);
    expect(currentRound([], 5)).toBe(0);
    expect(currentRound(FIVE.slice(0, 3), 5)).toBe(3);
    expect(currentRound(FIVE, 5)).toBe(5);
    expect(currentRound([...FIVE, pick(5, 'Ekstra')], 5)).toBe(5);
  });

  it('is complete once every round has a pick', () => {
    expect(isLadderComplete([], 5)).toBe(false);
    expect(isLadderComplete(FIVE.slice(0, 4), 5)).toBe(false);
    expect(isLadderComplete(FIVE, 5)).toBe(true);
    expect(isLadderComplete(FIVE.slice(0, 1), 1)).toBe(true);
  });
});

describe('asClause', () => {
  it.each([
    ['Vi hjælper kunden.', 'vi hjælper kunden'],
    ['  Kunden er glad?!  ', 'kunden er glad'],
    ['Øl til alle…', 'øl til alle'],
    ['Åbenhed betyder noget', 'åbenhed betyder noget'],
    ['A customer is happy.', 'a customer is happy'],
    ['vi er her', 'vi er her'],
    ['Vi gør det, fordi kunden ringer', 'vi gør det, fordi kunden ringer'],
  ])('lower-cases an ordinary first word: %s', (text, clause) => {
    expect(asClause(text)).toBe(clause);
  });

  it.each([
    ['I help people.', 'I help people'],
    ["I'm there for them", "I'm there for them"],
    ['I’m there for them', 'I’m there for them'],
    ['IT virker igen!', 'IT virker igen'],
    ['CRM er opdateret', 'CRM er opdateret'],
    ['IT-afdelingen svarer hurtigt', 'IT-afdelingen svarer hurtigt'],
    ['NAV får færre klager', 'NAV får færre klager'],
  ])('keeps "I" and acronyms as written: %s', (text, clause) => {
    expect(asClause(text)).toBe(clause);
  });

  it('keeps punctuation inside the sentence and strips only the end', () => {
    expect(asClause('Vi svarer. Hurtigt!')).toBe('vi svarer. Hurtigt');
  });
});

describe('questionForRound', () => {
  it('asks the start question first', () => {
    expect(questionForRound(step, 'da', [], 0)).toBe('Hvorfor tager vi telefonen, når en kunde ringer?');
    expect(questionForRound(step, 'en', FIVE, 0)).toBe('Why do we pick up the phone when a customer calls?');
  });

  it('asks about the answer picked in the round before, as a clause', () => {
    expect(questionForRound(step, 'da', FIVE, 1)).toBe('Hvorfor er det vigtigt, at vi hjælper kunden?');
    expect(questionForRound(step, 'nb', FIVE, 3)).toBe('Hvorfor er det viktig at kunden føler sig tryg?');
    expect(questionForRound(step, 'en', picks('I answer fast.'), 1)).toBe('Why does it matter that I answer fast?');
    expect(questionForRound(step, 'da', picks('IT virker.'), 1)).toBe('Hvorfor er det vigtigt, at IT virker?');
  });

  it('shows an ellipsis while the round before has no pick', () => {
    expect(questionForRound(step, 'da', [], 1)).toBe('Hvorfor er det vigtigt, at …?');
  });
});

describe('ladderRungs', () => {
  it('shows only the start question before any pick', () => {
    expect(ladderRungs(step, 'en', [])).toEqual([
      { round: 0, question: 'Why do we pick up the phone when a customer calls?', pick: null },
    ]);
  });

  it('grows one rung per pick, the newest open', () => {
    const rungs = ladderRungs(step, 'da', FIVE.slice(0, 2));
    expect(rungs.map((r) => r.round)).toEqual([0, 1, 2]);
    expect(rungs.map((r) => r.pick?.text ?? null)).toEqual(['Vi hjælper kunden.', 'Kunden kommer videre', null]);
    expect(rungs[1]?.question).toBe('Hvorfor er det vigtigt, at vi hjælper kunden?');
    expect(rungs[2]?.question).toBe('Hvorfor er det vigtigt, at kunden kommer videre?');
  });

  it('stops at the depth when the ladder is complete, every rung answered', () => {
    const four = ladderRungs(step, 'da', FIVE.slice(0, 4));
    expect(four).toHaveLength(5);
    expect(four.at(-1)?.pick).toBeNull();

    const done = ladderRungs(step, 'da', FIVE);
    expect(done).toHaveLength(5);
    expect(done.every((r) => r.pick !== null)).toBe(true);
    expect(done.at(-1)?.question).toBe('Hvorfor er det vigtigt, at tryghed giver ro i hverdagen?');
  });
});

describe('rankAnswers', () => {
  const answer = (id: string, round: number, at: number): AnswerValue => ({
    id,
    round,
    text: `Svar ${id}`,
    authorId: `author-${id}`,
    authorName: null,
    at,
  });
  const answers = [answer('old', 1, 10), answer('new', 1, 30), answer('mid', 1, 20), answer('other-round', 0, 5)];

  it('keeps only the given round and orders by age when nobody supports anything', () => {
    expect(rankAnswers(answers, new Map(), 1).map((a) => [a.id, a.supporters])).toEqual([
      ['old', 0],
      ['mid', 0],
      ['new', 0],
    ]);
  });

  it('puts the most supported first, then the oldest', () => {
    const support = new Map([
      ['new', new Set(['p1', 'p2'])],
      ['mid', new Set(['p3'])],
      ['old', new Set(['p4'])],
      ['other-round', new Set(['p1', 'p2', 'p3'])],
    ]);
    expect(rankAnswers(answers, support, 1).map((a) => [a.id, a.supporters])).toEqual([
      ['new', 2],
      ['old', 1],
      ['mid', 1],
    ]);
  });

  it('does not reorder or change the input', () => {
    const before = answers.map((a) => a.id);
    rankAnswers(answers, new Map([['new', new Set(['p1'])]]), 1);
    expect(answers.map((a) => a.id)).toEqual(before);
    expect('supporters' in answers[0]!).toBe(false);
  });
});

describe('roundForNewAnswer', () => {
  it('is the current round while the ladder grows', () => {
    expect(roundForNewAnswer([], 5)).toBe(0);
    expect(roundForNewAnswer(FIVE.slice(0, 3), 5)).toBe(3);
  });

  it('is the last round once the ladder is complete, so the answer still shows under a rung', () => {
    expect(roundForNewAnswer(FIVE, 5)).toBe(4);
    expect(roundForNewAnswer([...FIVE, pick(5, 'Ekstra')], 5)).toBe(4);
    expect(roundForNewAnswer(FIVE.slice(0, 1), 1)).toBe(0);
  });
});

describe('answers that must not get lost', () => {
  const answer = (id: string, round: number, at: number, authorId = `author-${id}`): AnswerValue => ({
    id,
    round,
    text: `Svar ${id}`,
    authorId,
    authorName: null,
    at,
  });
  const carried = (round: number, answerId: string): PickValue => ({
    round,
    answerId,
    text: `Svar ${answerId}`,
    at: 0,
  });

  describe('otherAnswersByRound', () => {
    const answers = [
      answer('r0-picked', 0, 1),
      answer('r0-a', 0, 2),
      answer('r0-b', 0, 3),
      answer('r1-picked', 1, 4),
      answer('r2-open', 2, 5),
    ];

    it('lists each closed round’s answers except the one carried on, most supported first', () => {
      const support = new Map([['r0-b', new Set(['p1'])]]);
      const others = otherAnswersByRound(answers, support, [carried(0, 'r0-picked'), carried(1, 'r1-picked')]);
      expect([...others.keys()]).toEqual([0]);
      expect(others.get(0)?.map((a) => [a.id, a.supporters])).toEqual([
        ['r0-b', 1],
        ['r0-a', 0],
      ]);
    });

    it('leaves the open round alone: its answers are the current cards', () => {
      expect(otherAnswersByRound(answers, new Map(), []).size).toBe(0);
      expect(otherAnswersByRound(answers, new Map(), [carried(0, 'r0-picked')]).has(2)).toBe(false);
    });

    it('keeps every answer of a round whose pick no longer exists among them', () => {
      const others = otherAnswersByRound(answers, new Map(), [carried(0, 'removed-later')]);
      expect(others.get(0)?.map((a) => a.id)).toEqual(['r0-picked', 'r0-a', 'r0-b']);
    });
  });

  describe('noteRoundClosings', () => {
    it('marks rounds closed before the screen opened as of unknown time', () => {
      expect(noteRoundClosings(new Map(), 2, null)).toEqual(
        new Map([
          [0, null],
          [1, null],
        ]),
      );
    });

    it('stamps newly closed rounds with the local time and keeps earlier stamps', () => {
      const opened = noteRoundClosings(new Map(), 1, null);
      const one = noteRoundClosings(opened, 2, 1_000);
      const two = noteRoundClosings(one, 3, 2_000);
      expect(two).toEqual(
        new Map([
          [0, null],
          [1, 1_000],
          [2, 2_000],
        ]),
      );
    });

    it('forgets a round reopened by an undo, and stamps it anew when it closes again', () => {
      const closed = noteRoundClosings(new Map([[0, 500]]), 2, 1_000);
      const undone = noteRoundClosings(closed, 1, 1_500);
      expect(undone).toEqual(new Map([[0, 500]]));
      expect(noteRoundClosings(undone, 2, 3_000).get(1)).toBe(3_000);
    });

    it('returns the same map when nothing changed, so React can skip a render', () => {
      const closings: RoundClosings = new Map([
        [0, null],
        [1, 1_000],
      ]);
      expect(noteRoundClosings(closings, 2, 9_000)).toBe(closings);
    });
  });

  describe('lateAnswers', () => {
    const me = 'me';
    const picks = [carried(0, 'chosen')];
    const closedAt = 10_000;
    const closings: RoundClosings = new Map([[0, closedAt]]);

    it('finds my answer posted shortly before the round closed with another answer', () => {
      const answers = [answer('late', 0, closedAt - 1_200, me), answer('chosen', 0, 1_000)];
      expect(lateAnswers(answers, picks, closings, me).map((a) => a.id)).toEqual(['late']);
    });

    it('counts the window inclusively, and not a moment longer', () => {
      const edge = answer('edge', 0, closedAt - LATE_ANSWER_WINDOW_MS, me);
      const same = answer('same', 0, closedAt, me);
      const early = answer('early', 0, closedAt - LATE_ANSWER_WINDOW_MS - 1, me);
      expect(lateAnswers([edge, same, early], picks, closings, me).map((a) => a.id)).toEqual(['edge', 'same']);
    });

    it('ignores other people’s answers, the carried-on answer and answers of open rounds', () => {
      const answers = [
        answer('theirs', 0, closedAt - 100),
        answer('chosen', 0, closedAt - 100, me),
        answer('open', 1, closedAt - 100, me),
      ];
      expect(lateAnswers(answers, picks, closings, me)).toEqual([]);
    });

    it('ignores rounds that closed before the screen opened or were reopened', () => {
      const answers = [answer('late', 0, closedAt - 100, me)];
      expect(lateAnswers(answers, picks, new Map([[0, null]]), me)).toEqual([]);
      expect(lateAnswers(answers, picks, new Map(), me)).toEqual([]);
      expect(lateAnswers(answers, [], closings, me)).toEqual([]);
    });

    it('keeps to the round closed last: after the next pick the notice would point to the wrong question', () => {
      const answers = [answer('late', 0, closedAt - 100, me)];
      const twoClosed: RoundClosings = new Map([
        [0, closedAt],
        [1, closedAt + 60_000],
      ]);
      expect(lateAnswers(answers, [...picks, carried(1, 'next')], twoClosed, me)).toEqual([]);
    });

    it('ignores an answer stamped after the closing was seen', () => {
      expect(lateAnswers([answer('after', 0, closedAt + 1, me)], picks, closings, me)).toEqual([]);
    });

    it('takes a custom window', () => {
      const answers = [answer('late', 0, closedAt - 2_000, me)];
      expect(lateAnswers(answers, picks, closings, me, 1_000)).toEqual([]);
      expect(lateAnswers(answers, picks, closings, me, 3_000)).toHaveLength(1);
    });
  });
});
