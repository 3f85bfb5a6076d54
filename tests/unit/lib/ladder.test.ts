import { describe, expect, it } from 'vitest';
import {
  asClause,
  currentRound,
  isLadderComplete,
  ladderRungs,
  questionForRound,
  rankAnswers,
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
