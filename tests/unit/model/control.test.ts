import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Control } from '../../../src/model/control.ts';
import { TEXT_LIMITS } from '../../../src/model/schema.ts';
import { exchangeUpdates, twoReplicas } from '../../helpers/content.ts';

const STEP = 'ladder';
const newControl = () => new Control(new Y.Doc());
const rawPick = (round: number, text = `Svar ${round}`) => ({ round, answerId: `answer-${round}`, text, at: 1 });
const pickedRounds = (control: Control) => control.ladderPicks(STEP).map((p) => p.round);

describe('Control: current step', () => {
  it('has no current step until the facilitator moves, then follows goToStep', () => {
    const control = newControl();
    expect(control.currentStepId()).toBeUndefined();
    control.goToStep('ladder');
    expect(control.currentStepId()).toBe('ladder');
    control.goToStep('statement');
    expect(control.currentStepId()).toBe('statement');
  });

  it('ignores a step id that is not a string', () => {
    const control = newControl();
    control.stateMap().set('stepId', 3);
    expect(control.currentStepId()).toBeUndefined();
  });

  it('shows the facilitator’s move on another replica', () => {
    const [docA, docB] = twoReplicas();
    new Control(docA).goToStep('agreement');
    exchangeUpdates(docA, docB);
    expect(new Control(docB).currentStepId()).toBe('agreement');
  });
});

describe('Control: ladder picks', () => {
  it('accepts a pick only for the current round', () => {
    const control = newControl();
    expect(control.pickLadderAnswer(STEP, 1, 'a1', 'For tidligt', 1)).toBe(false);
    expect(control.pickLadderAnswer(STEP, 0, 'a0', 'Vi hjælper kunden', 2)).toBe(true);
    expect(control.pickLadderAnswer(STEP, 0, 'a0b', 'Runde 0 igen', 3)).toBe(false);
    expect(control.pickLadderAnswer(STEP, 2, 'a2', 'Springer over', 4)).toBe(false);
    expect(control.pickLadderAnswer(STEP, 1, 'a1', 'Kunden bliver glad', 5)).toBe(true);
    expect(control.ladderPicks(STEP)).toEqual([
      { round: 0, answerId: 'a0', text: 'Vi hjælper kunden', at: 2 },
      { round: 1, answerId: 'a1', text: 'Kunden bliver glad', at: 5 },
    ]);
  });

  it('clips the picked text to the answer limit', () => {
    const control = newControl();
    control.pickLadderAnswer(STEP, 0, 'a0', 'ø'.repeat(1_000));
    expect(control.ladderPicks(STEP)[0]?.text).toBe('ø'.repeat(TEXT_LIMITS.answer));
  });

  it('undo takes back the last pick and reopens that round', () => {
    const control = newControl();
    control.pickLadderAnswer(STEP, 0, 'a0', 'Første');
    control.pickLadderAnswer(STEP, 1, 'a1', 'Anden');
    expect(control.undoLadderPick(STEP)).toBe(true);
    expect(pickedRounds(control)).toEqual([0]);
    expect(control.pickLadderAnswer(STEP, 1, 'a1b', 'Anden, igen')).toBe(true);
    expect(control.ladderPicks(STEP).map((p) => p.text)).toEqual(['Første', 'Anden, igen']);
    control.undoLadderPick(STEP);
    control.undoLadderPick(STEP);
    expect(control.ladderPicks(STEP)).toEqual([]);
    expect(control.undoLadderPick(STEP)).toBe(false);
  });

  it('skips malformed entries written straight into the shared array', () => {
    const control = newControl();
    control
      .ladderPicksArray(STEP)
      .push([
        'junk',
        null,
        { round: 0 },
        { round: 0, answerId: '', text: 'Tomt id', at: 1 },
        { round: 0, answerId: 'x', text: '   ', at: 1 },
        { round: '0', answerId: 'x', text: 'Runde som tekst', at: 1 },
        rawPick(0),
        17,
        rawPick(1),
      ]);
    expect(control.ladderPicks(STEP)).toEqual([rawPick(0), rawPick(1)]);
    expect(control.pickLadderAnswer(STEP, 2, 'a2', 'Tredje')).toBe(true);
    expect(pickedRounds(control)).toEqual([0, 1, 2]);
  });

  it('skips out-of-order entries instead of counting them as a round', () => {
    const control = newControl();
    control
      .ladderPicksArray(STEP)
      .push([rawPick(1, 'Runde 1 før runde 0'), rawPick(0), rawPick(3), rawPick(0, 'Dublet')]);
    expect(control.ladderPicks(STEP)).toEqual([rawPick(0)]);
  });

  it('still takes new picks after a stray out-of-order entry', () => {
    const control = newControl();
    control.ladderPicksArray(STEP).push([rawPick(0), rawPick(3, 'Forkert runde')]);
    expect(control.pickLadderAnswer(STEP, 1, 'a1', 'Næste')).toBe(true);
    expect(control.ladderPicks(STEP).map((p) => p.text)).toEqual(['Svar 0', 'Næste']);
  });

  it('undo removes exactly one pick even when junk comes before the picks', () => {
    const control = newControl();
    control.ladderPicksArray(STEP).push(['junk', { round: 'x' }, rawPick(0), rawPick(1)]);
    expect(control.undoLadderPick(STEP)).toBe(true);
    expect(pickedRounds(control)).toEqual([0]);
  });

  it('undo also clears stray entries after the last pick, so they cannot resurface', () => {
    const control = newControl();
    control.ladderPicksArray(STEP).push([rawPick(0), rawPick(1), rawPick(1, 'Dublet'), 'junk']);
    control.undoLadderPick(STEP);
    expect(pickedRounds(control)).toEqual([0]);
    expect(control.ladderPicksArray(STEP).length).toBe(1);
  });

  it('settles two facilitator tabs picking the same round at once, and the ladder goes on', () => {
    const [docA, docB] = twoReplicas();
    const a = new Control(docA);
    const b = new Control(docB);
    a.pickLadderAnswer(STEP, 0, 'a0', 'Fælles start');
    exchangeUpdates(docA, docB);

    expect(a.pickLadderAnswer(STEP, 1, 'from-a', 'Fra fane A')).toBe(true);
    expect(b.pickLadderAnswer(STEP, 1, 'from-b', 'Fra fane B')).toBe(true);
    exchangeUpdates(docA, docB);

    expect(pickedRounds(a)).toEqual([0, 1]);
    expect(b.ladderPicks(STEP)).toEqual(a.ladderPicks(STEP));

    expect(a.pickLadderAnswer(STEP, 2, 'a2', 'Runde tre')).toBe(true);
    exchangeUpdates(docA, docB);
    expect(pickedRounds(b)).toEqual([0, 1, 2]);

    b.undoLadderPick(STEP);
    b.undoLadderPick(STEP);
    exchangeUpdates(docA, docB);
    expect(a.ladderPicks(STEP).map((p) => p.text)).toEqual(['Fælles start']);
    expect(b.ladderPicks(STEP).map((p) => p.text)).toEqual(['Fælles start']);
  });
});

describe('Control: statement versions', () => {
  it('saves trimmed versions in order and refuses blank text', () => {
    const control = newControl();
    expect(control.saveStatementVersion('statement', '  Første udkast ', 10)).toEqual({
      text: 'Første udkast',
      at: 10,
    });
    expect(control.saveStatementVersion('statement', '   ', 11)).toBeNull();
    control.saveStatementVersion('statement', 'Andet udkast', 12);
    expect(control.statementVersions('statement')).toEqual([
      { text: 'Første udkast', at: 10 },
      { text: 'Andet udkast', at: 12 },
    ]);
  });

  it('does not save the same text twice in a row, but does after a different one', () => {
    const control = newControl();
    control.saveStatementVersion('statement', 'Vi hjælper', 1);
    expect(control.saveStatementVersion('statement', 'Vi hjælper', 2)).toBeNull();
    expect(control.saveStatementVersion('statement', '  Vi hjælper\n', 3)).toBeNull();
    control.saveStatementVersion('statement', 'Vi hjælper altid', 4);
    expect(control.saveStatementVersion('statement', 'Vi hjælper', 5)).not.toBeNull();
    expect(control.statementVersions('statement').map((v) => v.at)).toEqual([1, 4, 5]);
  });

  it('clips a version to the statement limit and compares the clipped text', () => {
    const control = newControl();
    const long = 'æ'.repeat(TEXT_LIMITS.statement + 50);
    expect(control.saveStatementVersion('statement', long, 1)?.text).toHaveLength(TEXT_LIMITS.statement);
    expect(control.saveStatementVersion('statement', `${long}ø`, 2)).toBeNull();
  });

  it('skips malformed versions written straight into the array', () => {
    const control = newControl();
    control.statementVersionsArray('statement').push([{ text: '', at: 1 }, 'tekst', { text: 'God', at: 2 }]);
    expect(control.statementVersions('statement')).toEqual([{ text: 'God', at: 2 }]);
  });
});

describe('Control: agreement', () => {
  it('has no round until something is proposed, and cannot mark agreement before', () => {
    const control = newControl();
    expect(control.consentRound('agreement')).toBeNull();
    expect(control.markAgreed('agreement', 5)).toBe(false);
    expect(control.consentRound('agreement')).toBeNull();
  });

  it('propose, markAgreed and reopen move the round through its states', () => {
    const control = newControl();
    control.propose('agreement', '  Vi gør det svære enkelt.  ', 100);
    expect(control.consentRound('agreement')).toEqual({
      proposal: 'Vi gør det svære enkelt.',
      proposedAt: 100,
      agreedText: null,
      agreedAt: null,
    });

    expect(control.markAgreed('agreement', 200)).toBe(true);
    expect(control.consentRound('agreement')).toMatchObject({ agreedText: 'Vi gør det svære enkelt.', agreedAt: 200 });

    control.reopenAgreement('agreement');
    expect(control.consentRound('agreement')).toEqual({
      proposal: 'Vi gør det svære enkelt.',
      proposedAt: 100,
      agreedText: null,
      agreedAt: null,
    });
  });

  it('a new proposal clears an earlier agreement and starts a new round', () => {
    const control = newControl();
    control.propose('agreement', 'Første forslag', 100);
    control.markAgreed('agreement', 150);
    control.propose('agreement', 'Andet forslag', 300);
    expect(control.consentRound('agreement')).toEqual({
      proposal: 'Andet forslag',
      proposedAt: 300,
      agreedText: null,
      agreedAt: null,
    });
  });

  it('cannot agree on an empty proposal', () => {
    const control = newControl();
    control.propose('agreement', '   ', 100);
    expect(control.markAgreed('agreement', 101)).toBe(false);
    expect(control.consentRound('agreement')?.agreedText).toBeNull();
  });

  it('writes each change as one update, so no one sees half a round', () => {
    const control = newControl();
    let updates = 0;
    control.doc.on('update', () => updates++);
    control.propose('agreement', 'Forslag', 1);
    control.markAgreed('agreement', 2);
    control.reopenAgreement('agreement');
    expect(updates).toBe(3);
  });
});
